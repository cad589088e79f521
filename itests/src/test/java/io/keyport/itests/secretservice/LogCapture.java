package io.keyport.itests.secretservice;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records what one of Keyport's loggers writes, at DEBUG, for effects that the bus does not show.
 *
 * <p>It uses the Logback of the container, so only tests inside the framework can use it. The build
 * keeps Logback off the test driver's class path, where slf4j-simple logs.
 */
final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final Level previousLevel;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(String loggerName) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
        this.previousLevel = logger.getLevel();
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
    }

    /** Starts recording the logger named {@code loggerName} at DEBUG. */
    static LogCapture start(String loggerName) {
        return new LogCapture(loggerName);
    }

    /** Returns the formatted messages recorded so far. */
    List<String> messages() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        logger.setLevel(previousLevel);
        logger.detachAppender(appender);
        appender.stop();
    }
}
