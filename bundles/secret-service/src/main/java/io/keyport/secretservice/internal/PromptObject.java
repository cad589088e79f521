package io.keyport.secretservice.internal;

import io.keyport.secretservice.internal.dbus.PromptInterface;

/** {@code org.freedesktop.Secret.Prompt} for every prompt: the fallback for paths under {@code /prompt}. */
final class PromptObject implements PromptInterface {

    private final Prompts prompts;

    PromptObject(Prompts prompts) {
        this.prompts = prompts;
    }

    @Override
    public String getObjectPath() {
        return ObjectPaths.PROMPTS;
    }

    @Override
    public void Prompt(String windowId) {
        String path = ServiceContext.calledPath();
        Errors.run("Prompt", path, () -> prompts.prompt(path, ServiceContext.caller(), windowId));
    }

    @Override
    public void Dismiss() {
        String path = ServiceContext.calledPath();
        Errors.run("Dismiss", path, () -> prompts.dismiss(path, ServiceContext.caller()));
    }
}
