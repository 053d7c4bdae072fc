package org.forcelink.broker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;
import org.forcelink.registry.Channel;
import org.forcelink.registry.ForceRegistry;
import org.forcelink.security.Credential;
import org.forcelink.security.ForceCredentials;

/**
 * Who may do what on the embedded broker. The hub's own user (its broker credentials) may do everything.
 * A force system connects as its force: user name the force code, password one of the force's tokens
 * (checked against their hashes, as for HTTP). It may send only to the inbound queues of its own systems
 * that declare the jms channel and its credential covers ({@code inbound.<force>.<system>}), and read only
 * its own acknowledgements ({@code acks.<force>}). Anything else is refused by the broker with a security
 * exception, so one force can neither submit as another nor read another's answers.
 */
public final class BrokerSecurity implements ActiveMQSecurityManager {

    static final String HUB_ROLE = "hub";

    private final String hubUser;
    private final String hubPassword;
    private final ForceCredentials credentials;

    public BrokerSecurity(String hubUser, String hubPassword, ForceCredentials credentials) {
        this.hubUser = hubUser;
        this.hubPassword = hubPassword;
        this.credentials = credentials;
    }

    /**
     * The broker's security settings: everything to the hub, and for each force with a jms system, sending
     * to that system's inbound queue and reading its acknowledgement queue to the force.
     */
    public static Map<String, Set<Role>> roles(ForceRegistry registry) {
        Map<String, Set<Role>> roles = new LinkedHashMap<>();
        roles.put("#", Set.of(hubRole()));
        for (ForceRegistry.ForceSystem source : registry.systemsUsing(Channel.JMS)) {
            String force = source.force();
            String system = source.system().id();
            roles.put("inbound." + force + "." + system, Set.of(hubRole(),
                    new Role(sendRole(force, system), true, false, false, false, false, false, false, false, false,
                            false, false, false)));
            // The force may create its acknowledgement queue if it connects before the hub has answered it.
            roles.put("acks." + force, Set.of(hubRole(),
                    new Role(acksRole(force), false, true, true, false, false, false, false, true, true, false,
                            false, false)));
        }
        return roles;
    }

    private static Role hubRole() {
        return new Role(HUB_ROLE, true, true, true, true, true, true, true, true, true, true, true, true);
    }

    static String sendRole(String force, String system) {
        return "send:" + force + ":" + system;
    }

    static String acksRole(String force) {
        return "acks:" + force;
    }

    @Override
    public boolean validateUser(String user, String password) {
        return holder(user, password) != null;
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        Holder holder = holder(user, password);
        return holder != null && roles.stream().anyMatch(role -> checkType.hasRole(role) && holder.holds(role.getName()));
    }

    /** Who a user name and password are: the hub, a force's credential, or nobody ({@code null}). */
    private Holder holder(String user, String password) {
        if (user == null || password == null) {
            return null;
        }
        if (hubUser.equals(user) && hubPassword.equals(password)) {
            return role -> true;
        }
        Credential credential = credentials.authenticate(password).filter(c -> c.force().equals(user)).orElse(null);
        if (credential == null) {
            return null;
        }
        String force = credential.force();
        return role -> role.equals(acksRole(force)) || (role.startsWith("send:" + force + ":")
                && credential.maySubmitTo(role.substring(("send:" + force + ":").length())));
    }

    private interface Holder {
        boolean holds(String role);
    }
}
