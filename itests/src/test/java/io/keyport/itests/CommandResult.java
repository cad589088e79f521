package io.keyport.itests;

import java.util.List;

/** The outcome of a finished process: its exit status and everything it wrote. */
public record CommandResult(List<String> command, int exitStatus, String stdout, String stderr) {

    /** Describes the run for an assertion message: the command, the exit status and both outputs. */
    public String describe() {
        return String.join(" ", command) + " exited with " + exitStatus + "\n--- stdout:\n" + stdout + "\n--- stderr:\n"
                + stderr;
    }
}
