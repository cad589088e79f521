package io.keyport.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Asks a running Keyport for its status over the control socket in the runtime directory. */
final class StatusClient {

    private final Path socket;

    StatusClient(Path socket) {
        this.socket = socket;
    }

    int print(PrintStream out) throws IOException {
        if (!Files.exists(socket)) {
            out.println("Keyport is not running for this user: no control socket at " + socket + ".");
            out.println("Start it with: keyport run");
            return ExitStatus.NOT_RUNNING;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap("status\n".getBytes(StandardCharsets.UTF_8)));
            channel.shutdownOutput();
            InputStream in = Channels.newInputStream(channel);
            out.print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return ExitStatus.OK;
        } catch (IOException e) {
            out.println("Keyport is not running for this user: " + socket + " does not accept connections ("
                    + e.getMessage() + "). A Keyport that was killed leaves it behind; start it with: keyport run");
            return ExitStatus.NOT_RUNNING;
        }
    }
}
