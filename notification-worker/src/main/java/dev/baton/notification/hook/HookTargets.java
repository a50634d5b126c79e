package dev.baton.notification.hook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The allow-list hooks may call: with {@code allowHosts} empty, any host whose addresses are all public; otherwise
 * only the hosts listed ({@code *.example.com} matches its subdomains). A loopback, private, link-local or otherwise
 * internal address is refused unless its host is listed by name.
 */
final class HookTargets {
    private final List<String> allowHosts;

    HookTargets(List<String> allowHosts) {
        this.allowHosts = allowHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    }

    /** Why {@code url} may not be called, or empty when it may. */
    Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.of("the hook's URL does not read: " + e.getMessage());
        }
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (host == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            return Optional.of("the hook's URL is not an http or https URL with a host");
        }
        boolean listed = allowHosts.stream().anyMatch(allowed -> allowed.equals(host)
                || allowed.startsWith("*.") && host.endsWith(allowed.substring(1)));
        if (!allowHosts.isEmpty() && !listed) {
            return Optional.of("host '" + host + "' is not on the hook allow-list");
        }
        if (listed) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal(address)) {
                    return Optional.of("host '" + host + "' is an internal address (" + address.getHostAddress()
                            + "); list it in baton.hooks.allow-hosts to call it");
                }
            }
        } catch (UnknownHostException e) {
            return Optional.empty(); // not resolvable now: a transport error, retried
        }
        return Optional.empty();
    }

    private static boolean uniqueLocal(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
    }
}
