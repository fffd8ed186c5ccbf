package io.driftwatch.engine.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A registry URL that may carry HTTP Basic credentials as its user information
 * ({@code https://user:password@host/path}), split into the URL to call and the header to send.
 *
 * <p>Why in the URL: the registry's address travels as one string through the capture's and the
 * job's settings (and, on a cluster, their settings file), so credentials ride along without a
 * second channel. They leave it here: the client calls and names {@link #url()} only, and
 * {@link #redact} keeps them out of anything printed.
 *
 * @param url           the URL without user information
 * @param authorization the {@code Authorization} header's value, or null without credentials
 */
public record RegistryCredentials(String url, String authorization) {

    public static RegistryCredentials of(String url) {
        URI uri = parse(url);
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null) {
            return new RegistryCredentials(url, null);
        }
        int colon = userInfo.indexOf(':');
        String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new RegistryCredentials(withUserInfo(uri, ""), "Basic " + basic);
    }

    /** {@code url} with {@code user} and {@code password} as its user information (percent-encoded). */
    public static String embed(String url, String user, String password) {
        return withUserInfo(parse(url), encode(user) + ":" + encode(password) + "@");
    }

    /** {@code url} safe to print: without user information. */
    public static String redact(String url) {
        try {
            return of(url).url();
        } catch (IllegalArgumentException notAUrl) {
            return url;
        }
    }

    @Override
    public String toString() {
        return "RegistryCredentials[" + url + (authorization == null ? "" : ", Basic ****") + "]";
    }

    /** {@code uri} with its user information replaced by {@code userInfo} ("" for none, else ending in "@"). */
    private static String withUserInfo(URI uri, String userInfo) {
        String authority = uri.getRawAuthority();
        return uri.getScheme() + "://" + userInfo + authority.substring(authority.indexOf('@') + 1)
                + (uri.getRawPath() == null ? "" : uri.getRawPath()) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                throw new IllegalArgumentException("registry URL '" + redactBlindly(url) + "' needs a scheme and a host, as in http://registry:8081");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("registry URL '" + redactBlindly(url) + "' is not a URL: " + e.getReason(), e);
        }
    }

    /** Everything between "//" and the last "@" before the path masked, for an error about a URL that does not parse. */
    private static String redactBlindly(String url) {
        return url.replaceAll("//[^/@]*@", "//****@");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
