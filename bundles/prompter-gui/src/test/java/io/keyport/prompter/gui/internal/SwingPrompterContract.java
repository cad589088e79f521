package io.keyport.prompter.gui.internal;

import io.keyport.api.prompt.Prompter;
import io.keyport.contract.prompt.PrompterContractTest;
import io.keyport.contract.prompt.PrompterDriver;

/**
 * The Swing prompter against the prompter contract. AWT reads {@code DISPLAY} once, so this class runs in a JVM
 * that {@link SwingContractTest} starts on an Xvfb display. Its name does not end in Test, so surefire does not
 * run it directly.
 */
public class SwingPrompterContract extends PrompterContractTest {

    @Override
    protected Prompter startPrompter() {
        return new SwingPrompter();
    }

    @Override
    protected void stopPrompter(Prompter started) {
        ((SwingPrompter) started).deactivate();
    }

    @Override
    protected PrompterDriver attachDriver(Prompter started) {
        return new SwingDialogDriver();
    }
}
