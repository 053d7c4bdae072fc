package org.forcelink.tracking;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.forcelink.api.Problems;
import org.forcelink.security.BearerToken;
import org.forcelink.security.Credential;
import org.forcelink.security.ForceCredentials;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/messages/{messageId}}: a record's journey. A force reads its own records only;
 * for anyone else the record does not exist (404), so ids of other forces' records reveal nothing.
 */
@RestController
class JourneyController {

    private final ForceCredentials credentials;
    private final JourneyQueries journeys;

    JourneyController(ForceCredentials credentials, JourneyQueries journeys) {
        this.credentials = credentials;
        this.journeys = journeys;
    }

    @GetMapping("/api/v1/messages/{messageId}")
    ResponseEntity<?> journey(@PathVariable String messageId, HttpServletRequest request) {
        Optional<Credential> caller = BearerToken.authenticate(request, credentials);
        if (caller.isEmpty()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"forcelink\"")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                            "a valid bearer token is required"));
        }
        return journeys.find(messageId)
                .filter(journey -> journey.force().equals(caller.get().force()))
                .<ResponseEntity<?>>map(journey -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(journey))
                .orElseGet(() -> Problems.response(HttpStatus.NOT_FOUND, "unknown-message", "Not Found",
                        "no record " + messageId + " for this force"));
    }
}
