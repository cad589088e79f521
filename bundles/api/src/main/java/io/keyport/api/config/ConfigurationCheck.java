package io.keyport.api.config;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Checks the properties of one configuration against a Declarative Services configuration annotation before a
 * component applies them.
 *
 * <p>Each annotation method names a property the way Declarative Services does ({@code secret_max_bytes} is
 * {@code secret.max.bytes}) and gives its type and default. A value of the wrong type, a value that a component
 * check rejects, and a property that no method names are reported with the key and the value, so the component can
 * log one line and keep its previous configuration. Values are shown as written, so a component must not check
 * properties that hold secrets with this class.
 */
public final class ConfigurationCheck {

    /** Property that Felix FileInstall adds: the URL of the file that a configuration came from. */
    public static final String FILE_PROPERTY = "felix.fileinstall.filename";

    private static final int MAX_SHOWN_LENGTH = 80;

    private final String pid;
    private final Map<String, ?> properties;
    private final Map<String, Method> methods = new HashMap<>();
    private final Class<? extends Annotation> type;
    private final Map<String, Object> values = new HashMap<>();
    private final Map<String, String> typeErrors = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();

    private ConfigurationCheck(String pid, Class<? extends Annotation> type, Map<String, ?> properties) {
        this.pid = pid;
        this.type = type;
        this.properties = properties;
        for (Method method : type.getDeclaredMethods()) {
            methods.put(propertyName(method.getName()), method);
        }
    }

    /**
     * Checks the type of every property that {@code type} declares.
     *
     * @param pid the configuration's PID, or for a factory configuration its factory PID, named in messages
     * @param type the component's configuration annotation
     * @param properties the configuration properties, as Declarative Services passes them
     */
    public static ConfigurationCheck of(String pid, Class<? extends Annotation> type, Map<String, ?> properties) {
        ConfigurationCheck check = new ConfigurationCheck(pid, type, properties);
        check.methods.forEach(check::convert);
        return check;
    }

    /** Rejects a whole-number property outside {@code minimum} to {@code maximum}, both included. */
    public void requireRange(String key, long minimum, long maximum) {
        String instead = maximum == Long.MAX_VALUE || maximum == Integer.MAX_VALUE
                ? "write a whole number of at least " + minimum
                : "write a whole number from " + minimum + " to " + maximum;
        if (typeErrors.containsKey(key)) {
            typeErrors.put(key, instead);
        } else if (values.get(key) instanceof Number number
                && (number.longValue() < minimum || number.longValue() > maximum)) {
            reject(key, instead);
        }
    }

    /** Rejects a text property that is not one of {@code words}; case and surrounding spaces are ignored. */
    public void requireOneOf(String key, String... words) {
        if (values.get(key) instanceof String text) {
            String word = text.trim().toLowerCase(Locale.ROOT);
            if (!List.of(words).contains(word)) {
                reject(key, "write " + String.join(" or ", words));
            }
        }
    }

    /** Records that the property {@code key}, as written, is invalid, with the value to write instead. */
    public void reject(String key, String instead) {
        reject(key, properties.get(key), instead);
    }

    /**
     * Records that {@code value}, one entry of the property {@code key} or the whole of it, is invalid, with the
     * value to write instead.
     */
    public void reject(String key, Object value, String instead) {
        errors.add(key + "=" + show(value) + " is invalid: " + instead);
    }

    /** Records a problem that the component's own check found, in words that name the key, the value and the fix. */
    public void addProblem(String problem) {
        errors.add(problem);
    }

    public boolean isValid() {
        return typeErrors.isEmpty() && errors.isEmpty();
    }

    /** Returns one line naming the configuration and each invalid value, or an empty string when it is valid. */
    public String errorMessage() {
        if (isValid()) {
            return "";
        }
        List<String> all = new ArrayList<>();
        typeErrors.forEach(
                (key, instead) -> all.add(key + "=" + show(properties.get(key)) + " is invalid: " + instead));
        all.addAll(errors);
        return "Invalid configuration " + source() + ": " + String.join("; ", all);
    }

    /**
     * Returns one line naming the properties that the annotation does not declare, such as a misspelt key, and the
     * known ones, or an empty string when there are none. Framework properties such as {@code service.pid} and
     * reference targets ({@code NAME.target}) are not reported.
     */
    public String unknownKeysMessage() {
        TreeSet<String> unknown = new TreeSet<>();
        for (String key : properties.keySet()) {
            if (!methods.containsKey(key) && !isFrameworkProperty(key)) {
                unknown.add(key);
            }
        }
        if (unknown.isEmpty()) {
            return "";
        }
        return "Configuration " + source() + " has unknown " + (unknown.size() == 1 ? "key " : "keys ")
                + String.join(", ", unknown) + ", which Keyport ignores; the known keys are "
                + String.join(", ", new TreeSet<>(methods.keySet()));
    }

    /**
     * Finishes the check: reports unknown keys as one warning, then builds the component's settings from the checked
     * values. When a value is invalid, or {@code build} throws {@link IllegalArgumentException} with a message that
     * names the key, the value and the fix, it reports one error line ending with {@code consequence} and returns an
     * empty result.
     *
     * @param warning receives the warning line, such as a logger's {@code warn}
     * @param error receives the error line, such as a logger's {@code error}
     */
    public <A extends Annotation, T> Optional<T> build(
            Class<A> annotation,
            Function<A, T> build,
            Consumer<String> warning,
            Consumer<String> error,
            String consequence) {
        String unknown = unknownKeysMessage();
        if (!unknown.isEmpty()) {
            warning.accept(unknown);
        }
        T settings = null;
        if (isValid()) {
            try {
                settings = build.apply(values(annotation));
            } catch (IllegalArgumentException e) {
                addProblem(e.getMessage());
            }
        }
        if (!isValid()) {
            error.accept(errorMessage() + ". " + consequence);
            return Optional.empty();
        }
        return Optional.of(settings);
    }

    /** Names the configuration for messages: its PID, and the file it came from when FileInstall set it. */
    public String source() {
        Object file = properties.get(FILE_PROPERTY);
        if (file == null) {
            return pid;
        }
        try {
            return pid + " (" + Path.of(URI.create(file.toString())) + ")";
        } catch (IllegalArgumentException e) {
            return pid + " (" + file + ")";
        }
    }

    /**
     * Returns the configuration as an instance of the annotation: each method returns the configured value, or
     * its default when the property is absent or was rejected for its type.
     */
    public <A extends Annotation> A values(Class<A> annotation) {
        if (annotation != type) {
            throw new IllegalArgumentException(annotation + " is not the checked type " + type);
        }
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            String name = propertyName(method.getName());
            if (methods.containsKey(name)) {
                Object value = values.get(name);
                return value == null ? method.getDefaultValue() : copy(value);
            }
            return switch (method.getName()) {
                case "annotationType" -> type;
                case "hashCode" -> System.identityHashCode(self);
                case "equals" -> self == args[0];
                default -> "Configuration " + pid;
            };
        });
        return annotation.cast(proxy);
    }

    private void convert(String key, Method method) {
        Object raw = properties.get(key);
        if (raw == null) {
            return;
        }
        Class<?> target = method.getReturnType();
        Object value = ValueConversion.convert(raw, target);
        if (value != null) {
            values.put(key, value);
        } else {
            typeErrors.put(key, ValueConversion.expectation(target));
        }
    }

    private static Object copy(Object value) {
        return value instanceof String[] array ? array.clone() : value;
    }

    /** Maps an annotation method name to its property name as Declarative Services 1.4 does. */
    static String propertyName(String method) {
        return method.replace("$_$", "-")
                .replace("$$", "\u0000")
                .replace("$", "")
                .replace("\u0000", "$")
                .replace("__", "\u0000")
                .replace('_', '.')
                .replace('\u0000', '_');
    }

    private static boolean isFrameworkProperty(String key) {
        return key.startsWith("service.")
                || key.startsWith("component.")
                || key.startsWith("felix.fileinstall.")
                || key.startsWith("osgi.")
                || key.startsWith(".")
                || key.endsWith(".target");
    }

    /** Shows a value for a message: arrays as a list, long or multi-line text shortened and escaped. */
    static String show(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Object[] array) {
            List<String> shown = new ArrayList<>();
            for (Object element : array) {
                shown.add(show(element));
            }
            return shown.toString();
        }
        if (value instanceof Collection<?> collection) {
            return show(collection.toArray());
        }
        String text = value.toString();
        StringBuilder shown = new StringBuilder();
        text.codePoints().limit(MAX_SHOWN_LENGTH).forEach(c -> {
            if (Character.isISOControl(c)) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return text.codePointCount(0, text.length()) > MAX_SHOWN_LENGTH ? shown + "..." : shown.toString();
    }
}
