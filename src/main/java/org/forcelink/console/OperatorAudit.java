package org.forcelink.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.forcelink.security.ForceTokenAuthentication;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The operator audit trail: console log-ins and log-outs, and each state-changing API call an operator
 * makes with the answer it got. Reads (searches, journeys) are not actions; payload views are in the
 * access log with their reason.
 */
public class OperatorAudit extends OncePerRequestFilter {

    /** One audited action. */
    public record Entry(Instant at, String actor, String action, String target, int outcome) {}

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public OperatorAudit(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String actor, String action, String target, int outcome) {
        jdbc.update("insert into operator_audit (at, actor, action, target, outcome) values (?, ?, ?, ?, ?)",
                Timestamp.from(clock.instant()), truncate(actor, 100), action, truncate(target, 300), outcome);
    }

    public List<Entry> recent(int limit) {
        return jdbc.query("select at, actor, action, target, outcome from operator_audit"
                + " order by audit_id desc fetch first ? rows only",
                (row, n) -> new Entry(row.getTimestamp(1).toInstant(), row.getString(2), row.getString(3),
                        row.getString(4), row.getInt(5)), limit);
    }

    /** Form log-ins only (Basic and bearer calls authenticate on every request and are audited per action). */
    @EventListener
    public void loggedIn(InteractiveAuthenticationSuccessEvent event) {
        record(event.getAuthentication().getName(), "LOGIN", "/login", 200);
    }

    @EventListener
    public void loggedOut(LogoutSuccessEvent event) {
        record(event.getAuthentication().getName(), "LOGOUT", "/logout", 200);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            Authentication caller = SecurityContextHolder.getContext().getAuthentication();
            boolean changes = !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())
                    && !"OPTIONS".equals(request.getMethod());
            if (changes && request.getRequestURI().startsWith("/api/v1/")
                    && !request.getRequestURI().startsWith("/api/v1/records/")
                    && caller != null && caller.isAuthenticated() && !(caller instanceof ForceTokenAuthentication)
                    && !"anonymousUser".equals(caller.getName())) {
                record(caller.getName(), request.getMethod(), request.getRequestURI(), response.getStatus());
            }
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
