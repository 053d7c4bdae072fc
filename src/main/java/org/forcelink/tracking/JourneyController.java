package org.forcelink.tracking;

import org.forcelink.api.ApiProblem;
import org.forcelink.security.Caller;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/messages/{messageId}}: a record's journey, and {@code GET /api/v1/messages}: search
 * (ARCHITECTURE 3.5). A force reads and finds its own records only, a force-scoped operator its force's;
 * for anyone else a record does not exist (404), so ids of other forces' records reveal nothing.
 */
@RestController
class JourneyController {

    private final JourneyQueries journeys;
    private final JourneySearch search;

    JourneyController(JourneyQueries journeys, JourneySearch search) {
        this.journeys = journeys;
        this.search = search;
    }

    @GetMapping("/api/v1/messages/{messageId}")
    ResponseEntity<Journey> journey(@PathVariable String messageId, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        return journeys.find(messageId)
                .filter(journey -> caller.sees(journey.force()))
                .map(journey -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(journey))
                .orElseThrow(() -> ApiProblem.notFound("unknown-message", "no record " + messageId
                        + (caller.isForce() ? " for this force" : " in your scope")));
    }

    @GetMapping("/api/v1/messages")
    JourneySearch.Page search(@RequestParam(required = false) String key,
            @RequestParam(required = false) String force, @RequestParam(required = false) String type,
            @RequestParam(required = false) String status, @RequestParam(required = false) String recipient,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor,
            Authentication authentication) {
        return search.search(SearchCriteria.parse(key, force, type, status, recipient, from, to, limit, cursor),
                Caller.of(authentication));
    }
}
