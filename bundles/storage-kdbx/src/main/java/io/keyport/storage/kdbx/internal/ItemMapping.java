package io.keyport.storage.kdbx.internal;

import io.keyport.api.secret.SecretValue;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * Maps entries to Secret Service items as KeePassXC's Secret Service integration does. The label is Title. The
 * attributes are the unprotected string fields except Password, plus the read-only {@code Uuid} and {@code Path}.
 * A {@code text/plain} secret is Password. Any other secret is the attachment FDO_SECRETS_DATA. The string field
 * FDO_SECRETS_CONTENT_TYPE keeps the content type, except for a plain {@code text/plain}.
 */
final class ItemMapping {

    static final String UUID_ATTRIBUTE = "Uuid";
    static final String PATH_ATTRIBUTE = "Path";
    static final String SECRET_ATTACHMENT = "FDO_SECRETS_DATA";
    static final String CONTENT_TYPE_FIELD = "FDO_SECRETS_CONTENT_TYPE";

    static final String TEXT_CONTENT_TYPE = "text/plain";
    static final String BINARY_CONTENT_TYPE = "application/octet-stream";

    /** Attributes derived from the entry's place, which setAttributes ignores. */
    private static final Set<String> READ_ONLY = Set.of(UUID_ATTRIBUTE, PATH_ATTRIBUTE);

    private static final Set<String> STANDARD_FIELDS =
            Set.of(EntryFields.TITLE, EntryFields.USER_NAME, EntryFields.URL, EntryFields.NOTES);

    private final KdbxDatabase database;
    private final EntryFields fields;
    private final GroupTree tree;
    private final EntryEditor editor;

    ItemMapping(KdbxDatabase database, EntryFields fields, GroupTree tree, EntryEditor editor) {
        this.database = database;
        this.fields = fields;
        this.tree = tree;
        this.editor = editor;
    }

    String label(Element entry) {
        String title = fields.text(entry, EntryFields.TITLE);
        return title == null ? "" : title;
    }

    Map<String, String> attributes(Element entry, Element exposed) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, EntryFields.Field> field : fields.strings(entry).entrySet()) {
            String key = field.getKey();
            // Protected fields are secrets in KeePass's sense and never become attributes, which are not secret.
            if (field.getValue().protect() || key.equals(EntryFields.PASSWORD) || key.equals(CONTENT_TYPE_FIELD)) {
                continue;
            }
            attributes.put(key, fields.text(field.getValue()));
        }
        attributes.put(UUID_ATTRIBUTE, EntryFields.id(entry));
        attributes.put(PATH_ATTRIBUTE, tree.path(entry, exposed, label(entry)));
        return attributes;
    }

    /**
     * Replaces the attributes: named ones are set, absent custom fields are removed and absent UserName, URL and
     * Notes are emptied. Title, which is the label, changes only when named. Password, protected fields and the
     * read-only attributes are never changed here.
     */
    void setAttributes(Element entry, Map<String, String> attributes) {
        Map<String, EntryFields.Field> existing = fields.strings(entry);
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            String key = attribute.getKey();
            EntryFields.Field field = existing.get(key);
            if (isReserved(key) || (field != null && field.protect())) {
                continue;
            }
            fields.setText(entry, key, attribute.getValue(), false);
        }
        for (Map.Entry<String, EntryFields.Field> field : existing.entrySet()) {
            String key = field.getKey();
            if (attributes.containsKey(key) || field.getValue().protect() || isReserved(key)) {
                continue;
            }
            if (key.equals(EntryFields.TITLE)) {
                continue;
            }
            if (STANDARD_FIELDS.contains(key)) {
                fields.setText(entry, key, "", false);
            } else {
                fields.remove(entry, key);
            }
        }
    }

    void setLabel(Element entry, String label) {
        fields.setText(entry, EntryFields.TITLE, label, editor.protects(EntryFields.TITLE));
    }

    /** Returns the secret, which the caller closes. */
    SecretValue secret(Element entry) throws KdbxException {
        Element attachment = fields.binary(entry, SECRET_ATTACHMENT);
        if (attachment != null) {
            String contentType = fields.text(entry, CONTENT_TYPE_FIELD);
            byte[] content = database.attachments().read(attachment);
            return SecretValue.wrap(content, contentType == null ? BINARY_CONTENT_TYPE : contentType);
        }
        byte[] password = fields.bytes(entry, EntryFields.PASSWORD);
        return textSecret(password == null ? new byte[0] : password, fields.text(entry, CONTENT_TYPE_FIELD));
    }

    /**
     * Returns a Password as the text type it was stored with. A type with a charset other than UTF-8 gets its bytes
     * back in that charset. When the type is missing, is not text, or the Password was edited to characters that
     * charset cannot encode, the secret is UTF-8 {@code text/plain}, which is what KeePassXC returns.
     */
    static SecretValue textSecret(byte[] utf8, String storedType) {
        Charset charset = storedType == null ? null : textCharset(storedType);
        if (charset == null) {
            return SecretValue.wrap(utf8, TEXT_CONTENT_TYPE);
        }
        if (charset.equals(StandardCharsets.UTF_8)) {
            return SecretValue.wrap(utf8, storedType);
        }
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(utf8));
        try {
            ByteBuffer encoded = charset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(chars);
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            Bytes.wipe(encoded.array());
            Bytes.wipe(utf8);
            return SecretValue.wrap(bytes, storedType);
        } catch (CharacterCodingException e) {
            return SecretValue.wrap(utf8, TEXT_CONTENT_TYPE);
        } finally {
            Arrays.fill(chars.array(), '\0');
        }
    }

    /** Stores a secret: text in Password, anything else as an attachment with its content type. */
    void setSecret(Element entry, SecretValue secret) {
        byte[] bytes = secret.copyBytes();
        byte[] utf8 = textAsUtf8(bytes, secret.contentType());
        if (utf8 != null) {
            Bytes.wipe(bytes);
            fields.setBytes(entry, EntryFields.PASSWORD, utf8, editor.protects(EntryFields.PASSWORD));
            fields.removeBinary(entry, SECRET_ATTACHMENT);
            // Plain text/plain, the type secret-tool sends, leaves no field, so such entries look like KeePassXC's own.
            if (secret.contentType().equals(TEXT_CONTENT_TYPE)) {
                fields.remove(entry, CONTENT_TYPE_FIELD);
            } else {
                fields.setText(entry, CONTENT_TYPE_FIELD, secret.contentType(), false);
            }
            return;
        }
        fields.setText(entry, EntryFields.PASSWORD, "", editor.protects(EntryFields.PASSWORD));
        fields.setBinary(entry, SECRET_ATTACHMENT, bytes);
        fields.setText(entry, CONTENT_TYPE_FIELD, secret.contentType(), false);
    }

    /**
     * Returns the normalised attribute set that decides whether createItem with replace updates an item: without
     * the read-only attributes, without Title, and without empty UserName, URL and Notes, which every entry has.
     */
    static Map<String, String> identity(Map<String, String> attributes) {
        Map<String, String> identity = new LinkedHashMap<>(attributes);
        identity.keySet().removeAll(READ_ONLY);
        identity.remove(EntryFields.TITLE);
        identity.remove(CONTENT_TYPE_FIELD);
        for (String key : STANDARD_FIELDS) {
            if ("".equals(identity.get(key))) {
                identity.remove(key);
            }
        }
        return identity;
    }

    private static boolean isReserved(String key) {
        return READ_ONLY.contains(key) || key.equals(EntryFields.PASSWORD) || key.equals(CONTENT_TYPE_FIELD);
    }

    /**
     * Returns the secret as UTF-8 when its content type is {@code text/plain} with no charset or a charset that
     * Java supports, and its bytes are valid in that charset; otherwise {@code null}, so it is kept as bytes.
     */
    static byte[] textAsUtf8(byte[] bytes, String contentType) {
        Charset charset = textCharset(contentType);
        if (charset == null) {
            return null;
        }
        CharBuffer chars = null;
        try {
            chars = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            if (charset.equals(StandardCharsets.UTF_8)) {
                return bytes.clone();
            }
            ByteBuffer encoded = StandardCharsets.UTF_8.encode(chars);
            byte[] utf8 = new byte[encoded.remaining()];
            encoded.get(utf8);
            Arrays.fill(encoded.array(), (byte) 0);
            return utf8;
        } catch (CharacterCodingException e) {
            return null;
        } finally {
            if (chars != null && chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
        }
    }

    /**
     * Returns the charset of a {@code text/plain} content type, UTF-8 when it names none, or {@code null} when the
     * type is not {@code text/plain} or names a charset that Java does not support.
     */
    static Charset textCharset(String contentType) {
        String[] parts = contentType.split(";");
        if (!parts[0].trim().toLowerCase(Locale.ROOT).equals(TEXT_CONTENT_TYPE)) {
            return null;
        }
        Charset charset = StandardCharsets.UTF_8;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                charset = charset(parameter
                        .substring("charset=".length())
                        .replace("\"", "")
                        .trim());
                if (charset == null) {
                    return null;
                }
            }
        }
        return charset;
    }

    /** Returns the charset for a MIME charset name such as {@code utf8} or {@code UTF-8}, or {@code null}. */
    private static Charset charset(String name) {
        if (name.equalsIgnoreCase("utf8")) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }
}
