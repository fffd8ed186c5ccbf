package io.driftwatch.engine.stack;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.security.AuthenticationState;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.SecurityHandler;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.security.Credential;

/**
 * The secured stack's registry login: Apicurio authenticates only through an OpenID Connect
 * server, so, as a reverse proxy does in many deployments, Jetty asks every request for HTTP
 * Basic and forwards it to the registry on its loopback port. Writers may do anything; readers
 * (the console's login) may read, look a schema up and test compatibility, never change a subject.
 */
final class RegistryGate implements AutoCloseable {
    static final String WRITER = "writer";
    static final String READER = "reader";
    /** What a reader may POST: compatibility tests and the lookup of a schema under a subject change nothing. */
    private static final Pattern READ_ONLY_POST = Pattern.compile(".*/(compatibility/.*|subjects/[^/]+/?)$");

    private final Server server;

    private RegistryGate(Server server) {
        this.server = server;
    }

    /**
     * @param users user → password and role ({@link #WRITER} or {@link #READER})
     */
    static RegistryGate start(int port, int registryPort, Map<String, Map.Entry<String, String>> users) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        UserStore store = new UserStore();
        users.forEach((user, login) -> store.addUser(user, Credential.getCredential(login.getKey()), new String[] {login.getValue()}));
        HashLoginService logins = new HashLoginService("driftwatch-registry");
        logins.setUserStore(store);
        SecurityHandler.PathMapped security = new SecurityHandler.PathMapped();
        security.setLoginService(logins);
        security.setAuthenticator(new BasicAuthenticator());
        security.put("/*", Constraint.from(WRITER, READER));
        ProxyHandler.Reverse proxy = new ProxyHandler.Reverse(request -> HttpURI.build(request.getHttpURI()).scheme("http").host("127.0.0.1")
                .port(registryPort).asImmutable());
        security.setHandler(new ReadersRead(proxy));
        server.setHandler(security);
        server.start();
        return new RegistryGate(server);
    }

    int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the registry gate did not stop: " + e.getMessage(), e);
        }
    }

    /** Refuses a reader's request that would change the registry, naming the user. */
    private static final class ReadersRead extends Handler.Wrapper {
        private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

        ReadersRead(Handler next) {
            super(next);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (AuthenticationState.getAuthenticationState(request) instanceof AuthenticationState.Succeeded user && !user.isUserInRole(WRITER)
                    && !READS.contains(request.getMethod())
                    && !("POST".equals(request.getMethod()) && READ_ONLY_POST.matcher(request.getHttpURI().getPath()).matches())) {
                Response.writeError(request, response, callback, 403, "the registry user '" + user.getUserPrincipal().getName()
                        + "' may only read");
                return true;
            }
            return super.handle(request, response, callback);
        }
    }
}
