package io.credence.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port checks for the broker's listeners, all on the loopback interface. */
final class ListenerPorts {

    private ListenerPorts() {
    }

    static void requireValidPort(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("Port must be in [0, 65535], got " + port);
        }
    }

    /** Returns {@code port}, or a port that is free right now when {@code port} is 0. */
    static int resolve(int port) {
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on the loopback interface", e);
        }
    }

    /** Fails with a one-line {@link BrokerStartException} naming the port when something already listens on it. */
    static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (BindException e) {
            throw new BrokerStartException("Cannot start the embedded Kafka broker: port " + port + " is already in use", e);
        } catch (IOException e) {
            throw new BrokerStartException("Cannot start the embedded Kafka broker: port " + port + " cannot be bound ("
                    + e.getMessage() + ")", e);
        }
    }
}
