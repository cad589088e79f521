package io.keyport.prompter.tty.internal;

import io.keyport.api.prompt.Prompter;
import io.keyport.contract.prompt.PrompterContractTest;
import io.keyport.contract.prompt.PrompterDriver;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.BundleContext;

/**
 * The terminal prompter against the prompter contract: the real component with its prompt socket in a temporary
 * runtime directory, answered by an agent that speaks the socket's line protocol.
 */
public class TtyContractTest extends PrompterContractTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path runtime;

    @Override
    protected Prompter startPrompter() throws Exception {
        runtime = folder.newFolder("runtime").toPath();
        return new TtyPrompter(runtimeContext(runtime));
    }

    @Override
    protected void stopPrompter(Prompter started) {
        ((TtyPrompter) started).deactivate();
    }

    @Override
    protected PrompterDriver attachDriver(Prompter started) throws Exception {
        AgentDriver driver = new AgentDriver(runtime.resolve(PromptAgentServer.SOCKET_NAME));
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (!started.isAvailable() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        return driver;
    }

    /** Returns a bundle context that only answers {@code keyport.runtime.dir}, which is all the prompter reads. */
    private static BundleContext runtimeContext(Path runtime) {
        return (BundleContext) Proxy.newProxyInstance(
                BundleContext.class.getClassLoader(), new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProperty") && "keyport.runtime.dir".equals(args[0])) {
                        return runtime.toString();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
