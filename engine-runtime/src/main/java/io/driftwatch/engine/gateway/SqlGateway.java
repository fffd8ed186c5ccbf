package io.driftwatch.engine.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.sink.CutKeeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ClickHouse's HTTP interface for the views of one pipeline, with one cut per query. Every request
 * is forwarded to ClickHouse as it came (path, parameters, headers, body; the reader's own
 * credentials), and answered with ClickHouse's response. Meanwhile a keeper thread watches what the
 * job publishes and advances the views' cut ({@link CutKeeper}) only while no request is in flight
 * ({@link CutBarrier}): each view of a query reads the cut when ClickHouse analyses it, and that
 * cut cannot move between the first view and the last.
 *
 * <p>What it costs: the cut advances at most every {@code period}, and an advance waits for the
 * queries already running, so views lag the job's publication by up to the longest running query;
 * a query that arrives while an advance waits starts after it.
 */
public final class SqlGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqlGateway.class);
    /** Not forwarded either way: they describe one hop's connection, which the gateway makes anew. */
    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "expect", "host", "keep-alive",
            "transfer-encoding", "upgrade", "te", "trailer", "proxy-connection", "http2-settings");

    /**
     * How the gateway has done: requests served and cut advances so far, and how long the latest
     * advances (up to 10,000) waited for running queries.
     */
    public record Figures(long requests, long advances, long waitP50Millis, long waitP99Millis, long waitMaxMillis) {}

    /** How often the keeper looks for a newly published position: the job publishes at most every 50 ms too. */
    public static final Duration DEFAULT_PERIOD = Duration.ofMillis(50);

    private final String clickhouseUrl;
    private final CutKeeper keeper;
    private final Duration period;
    private final CutBarrier barrier = new CutBarrier();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpServer server;
    private final ExecutorService workers;
    private final Thread keeperThread;
    private final AtomicLong requests = new AtomicLong();
    private static final int RECENT = 10_000;
    private final long[] waitsMicros = new long[RECENT];
    private long advanceCount;
    private volatile boolean running = true;

    /**
     * @param clickhouseUrl ClickHouse's HTTP interface, where requests go
     * @param keeperUser ClickHouse user of the keeper: reads the published positions and inserts into the cut
     */
    public SqlGateway(String bind, int port, String clickhouseUrl, String keeperUser, String keeperPassword, String database,
                      Duration period) throws IOException {
        this.clickhouseUrl = clickhouseUrl.endsWith("/") ? clickhouseUrl.substring(0, clickhouseUrl.length() - 1) : clickhouseUrl;
        this.keeper = new CutKeeper(new ClickHouseHttp(clickhouseUrl, keeperUser, keeperPassword), database);
        this.period = period;
        this.server = HttpServer.create(new InetSocketAddress(bind, port), 128);
        this.workers = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "driftwatch-sql-gateway");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        server.createContext("/", this::forward);
        this.keeperThread = new Thread(this::keep, "driftwatch-cut-keeper");
        keeperThread.setDaemon(true);
    }

    public SqlGateway start() {
        server.start();
        keeperThread.start();
        return this;
    }

    /** The gateway's address, as a reader's ClickHouse HTTP URL. */
    public String url() {
        InetSocketAddress address = server.getAddress();
        return "http://" + address.getHostString() + ":" + address.getPort() + "/";
    }

    public Figures figures() {
        List<Long> waits = new ArrayList<>();
        long total;
        synchronized (waitsMicros) {
            total = advanceCount;
            for (int i = 0; i < Math.min(total, RECENT); i++) {
                waits.add(waitsMicros[i]);
            }
        }
        Collections.sort(waits);
        return new Figures(requests.get(), total, percentile(waits, 0.50) / 1000, percentile(waits, 0.99) / 1000,
                waits.isEmpty() ? 0 : waits.get(waits.size() - 1) / 1000);
    }

    private static long percentile(List<Long> sorted, double q) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private void keep() {
        long lastWarning = 0;
        while (running) {
            try {
                Map<String, Long> advances = keeper.pending();
                if (!advances.isEmpty()) {
                    Duration waited = barrier.advance(() -> keeper.apply(advances));
                    synchronized (waitsMicros) {
                        waitsMicros[(int) (advanceCount++ % RECENT)] = waited.toNanos() / 1000;
                    }
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return; // stopping: the read that failed was interrupted by close()
                }
                if (System.nanoTime() - lastWarning > 60_000_000_000L) {
                    lastWarning = System.nanoTime();
                    LOG.warn("the views' cut cannot advance (retrying every {} ms): {}", period.toMillis(), e.getMessage());
                }
            }
            try {
                Thread.sleep(period.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void forward(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange; CutBarrier.Pass pass = barrier.query()) {
            String target = clickhouseUrl + exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<InputStream> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                answer(exchange, 502, "Driftwatch's SQL gateway cannot reach ClickHouse at " + clickhouseUrl + ": " + e.getMessage());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer(exchange, 503, "Driftwatch's SQL gateway is stopping");
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            boolean noBody = exchange.getRequestMethod().equalsIgnoreCase("HEAD") || response.statusCode() == 204;
            exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : 0);
            try (InputStream in = response.body(); OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        running = false;
        keeperThread.interrupt();
        server.stop(1);
        workers.shutdownNow();
        try {
            keeperThread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
