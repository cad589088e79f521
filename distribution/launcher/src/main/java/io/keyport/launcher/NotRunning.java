package io.keyport.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Explains why {@code keyport prompt} or {@code keyport unlock} found no Keyport on the prompt socket. */
final class NotRunning {

    private NotRunning() {}

    /**
     * Prints the reason and returns the exit status: {@link ExitStatus#NOT_RUNNING} when no Keyport runs, {@link
     * ExitStatus#FAILURE} when one runs without the terminal prompter bundle.
     *
     * @param detail what was found at the prompt socket
     */
    static int report(PrintStream err, KeyportPaths paths, String detail) {
        Path promptSocket = paths.runtime().resolve(PromptConnection.SOCKET_NAME);
        // A prompt socket that refuses connections was left by a Keyport that was killed.
        if (!Files.exists(promptSocket) && answersStatus(paths.controlSocket())) {
            err.println("keyport: Keyport runs, but without the terminal prompter: " + detail + ". Run it with"
                    + " --feature headless or --feature desktop, which include the prompter, and see keyport"
                    + " status.");
            return ExitStatus.FAILURE;
        }
        err.println("keyport: Keyport is not running for this user: " + detail + ". Start it with: keyport run");
        return ExitStatus.NOT_RUNNING;
    }

    /** Returns whether a Keyport replies to {@code status} on the control socket. */
    private static boolean answersStatus(Path controlSocket) {
        if (!Files.exists(controlSocket)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(controlSocket));
            channel.write(ByteBuffer.wrap("status\n".getBytes(StandardCharsets.UTF_8)));
            channel.shutdownOutput();
            ByteBuffer reply = ByteBuffer.allocate(4096);
            boolean any = false;
            while (channel.read(reply.clear()) >= 0) {
                any = true;
            }
            return any;
        } catch (IOException e) {
            return false;
        }
    }
}
