package io.driftwatch.engine.api;

import io.driftwatch.engine.config.ConfigException;
import io.driftwatch.engine.config.ConfigLoader;
import io.driftwatch.engine.config.PipelineConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The servers a pipeline config file names (docs/CONFIG.md): each region's PostgreSQL and Kafka
 * and the schema registry, for a console that attaches to real endpoints instead of starting the
 * local stack.
 *
 * <p>Reading validates the file with the same loader as {@code driftwatch run --config}, so a
 * mistake is reported with the key and the line. Probing only asks whether each endpoint accepts
 * a TCP connection: it reads no password and starts, creates or changes nothing.
 *
 * <p>Why reachability first: it is what an operator checks before anything else when a console
 * attaches to production, and it needs no credentials; richer reads (lag, views, schemas) use the
 * same endpoints once they are wired to attach mode.
 */
public record ConfiguredEndpoints(Path source, List<Endpoint> endpoints) {

    public ConfiguredEndpoints {
        endpoints = List.copyOf(endpoints);
    }

    /**
     * One endpoint. A region's Kafka is one endpoint with every bootstrap server as an
     * alternative, as a client sees it: it answers when any of them does.
     */
    public record Endpoint(String name, String region, List<HostPort> addresses) {
        public Endpoint {
            addresses = List.copyOf(addresses);
        }

        public String describe() {
            return String.join(",", addresses.stream().map(HostPort::toString).toList());
        }
    }

    public record HostPort(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** Reads and validates {@code file}; a problem is an {@link IllegalArgumentException} naming the key and line. */
    public static ConfiguredEndpoints read(Path file) {
        PipelineConfig config;
        try {
            config = new ConfigLoader().load(file);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (PipelineConfig.RegionConfig region : config.regions()) {
            PipelineConfig.PostgresConfig pg = region.postgres();
            endpoints.add(new Endpoint("postgres-" + region.name(), region.name(),
                    List.of(new HostPort(pg.host(), pg.portOrDefault()))));
            endpoints.add(new Endpoint("kafka-" + region.name(), region.name(),
                    bootstrapServers(region.kafka().bootstrapServers(), file)));
        }
        endpoints.add(new Endpoint("registry", null, List.of(httpAddress(config.registry().url(), file))));
        return new ConfiguredEndpoints(file.toAbsolutePath().normalize(), endpoints);
    }

    /**
     * Tries each endpoint once (blocking: call it off the UI thread). Remote servers have no
     * process or data directory seen from here: pid and data size are -1, and "alive" means
     * "accepts a connection".
     */
    public List<ServerStatus> probe(Duration timeout) {
        List<ServerStatus> result = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            HostPort answered = null;
            for (HostPort address : endpoint.addresses()) {
                if (accepts(address, timeout)) {
                    answered = address;
                    break;
                }
            }
            int port = (answered != null ? answered : endpoint.addresses().get(0)).port();
            result.add(new ServerStatus(endpoint.name(), -1, port, answered != null, answered != null, -1));
        }
        return result;
    }

    private static boolean accepts(HostPort address, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.host(), address.port()), (int) timeout.toMillis());
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    static List<HostPort> bootstrapServers(String list, Path file) {
        List<HostPort> servers = new ArrayList<>();
        for (String entry : list.split(",")) {
            String server = entry.strip();
            if (server.isEmpty()) {
                continue;
            }
            int colon = server.lastIndexOf(':');
            boolean bracketed = server.startsWith("[");
            if (colon < 0 || (bracketed && colon < server.indexOf(']'))) {
                throw new IllegalArgumentException(file + ": kafka bootstrap server '" + server + "' needs a port, as in host:9092");
            }
            String host = server.substring(0, colon);
            if (bracketed) {
                host = host.substring(1, host.length() - 1);
            }
            servers.add(new HostPort(host, port(server.substring(colon + 1), server, file)));
        }
        if (servers.isEmpty()) {
            throw new IllegalArgumentException(file + ": kafka bootstrapServers lists no server");
        }
        return servers;
    }

    static HostPort httpAddress(String url, Path file) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException(file + ": registry.url '" + url + "' is not an http:// or https:// URL");
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
            String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
            return new HostPort(host, port);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(file + ": registry.url '" + url + "' is not a URL: " + e.getReason(), e);
        }
    }

    private static int port(String text, String server, Path file) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": kafka bootstrap server '" + server + "' has no valid port");
        }
    }
}
