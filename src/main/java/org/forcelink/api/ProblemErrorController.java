package org.forcelink.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors the web server raises before a controller sees the request (unknown paths, bodies or
 * headers it refuses) with problem+json too.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.resolve(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        String detail = switch (status) {
            case NOT_FOUND -> "no resource at this path";
            case PAYLOAD_TOO_LARGE -> "the request body is over the limit";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "the request headers are too large";
            case BAD_REQUEST -> "the request is malformed";
            default -> "the request could not be served";
        };
        return Problems.response(status, ApiExceptionHandler.slug(status.getReasonPhrase()), status.getReasonPhrase(),
                detail);
    }
}
