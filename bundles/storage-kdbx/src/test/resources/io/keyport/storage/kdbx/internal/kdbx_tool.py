"""Creates, dumps and edits KDBX databases with pykeepass, for the KDBX engine's interoperability tests.

Usage: kdbx_tool.py COMMAND PATH PASSWORD [KEYFILE] [OPTIONS...]
  create  PATH PASSWORD KEYFILE KDF CIPHER COMPRESS RICH [MINOR]   KDF: argon2d|argon2id,
          CIPHER: aes256|chacha20|twofish, MINOR: the KDBX 4 minor version, 0 (default) or 1
  dump    PATH PASSWORD KEYFILE     prints the decrypted XML, protected values in clear
  entries PATH PASSWORD KEYFILE     prints the entries as JSON
  edit    PATH PASSWORD KEYFILE TITLE NEW_PASSWORD   changes one entry's password and adds an entry "added"
A KEYFILE or PASSWORD of "-" means none. The KDF is made cheap (1 MiB, 2 passes) so tests run fast.
"""
import base64
import json
import os
import sys

from lxml import etree
from pykeepass import PyKeePass, create_database


def arg(value):
    return None if value == "-" else value


def create(path, password, keyfile, kdf, cipher, compress, rich, minor="0"):
    kp = create_database(path, password=password, keyfile=keyfile)
    kp.kdbx.header.value.minor_version = int(minor)
    header = kp.kdbx.header.value.dynamic_header
    parameters = header.kdf_parameters.data.dict
    parameters.M.value = 1024 * 1024
    parameters.I.value = 2
    if kdf == "argon2id":
        parameters["$UUID"].value = bytes.fromhex("9e298b1956db4773b23dfc3ec6f0a1e6")
    header.cipher_id.data = cipher
    header.encryption_iv.data = os.urandom(12 if cipher == "chacha20" else 16)
    header.compression_flags.data.compression = compress == "yes"
    # pykeepass builds the header from its raw bytes while they are present.
    del kp.kdbx.header["data"]

    internet = kp.add_group(kp.root_group, "Internet")
    mail = kp.add_entry(kp.root_group, "mail", "alice", "s\u00ebcret \U0001F600", url="https://mail.example")
    mail.set_custom_property("service", "imap")
    kp.add_entry(internet, "bank", "bob", "b4nk", notes="line one\nline two")
    if rich == "yes":
        add_rich_content(kp, mail, internet)
    kp.save()


def add_rich_content(kp, mail, internet):
    """Adds what the engine must keep: history, attachments, a custom icon, custom data, protected fields."""
    mail.save_history()
    mail.password = "older password kept in history"
    mail.save_history()
    mail.password = "s\u00ebcret \U0001F600"
    attachment_id = kp.add_binary(b"\x00\x01attachment bytes\xff", protected=True)
    mail.add_attachment(attachment_id, "notes.bin")
    shared = kp.add_entry(internet, "shared", "carol", "sh4red")
    shared.add_attachment(kp.add_binary(b"second attachment"), "readme.txt")

    meta = kp.tree.find("Meta")
    icons = meta.find("CustomIcons")
    if icons is None:
        icons = etree.SubElement(meta, "CustomIcons")
    icon = etree.SubElement(icons, "Icon")
    icon_uuid = base64.b64encode(os.urandom(16)).decode()
    etree.SubElement(icon, "UUID").text = icon_uuid
    etree.SubElement(icon, "Data").text = base64.b64encode(b"\x89PNG\r\n\x1a\nnot really a png").decode()
    shared_element = shared._element
    etree.SubElement(shared_element, "CustomIconUUID").text = icon_uuid

    custom = meta.find("CustomData")
    if custom is None:
        custom = etree.SubElement(meta, "CustomData")
    item = etree.SubElement(custom, "Item")
    etree.SubElement(item, "Key").text = "KPXC_DECRYPTION_TIME_PREFERENCE"
    etree.SubElement(item, "Value").text = "100"
    entry_custom = etree.SubElement(mail._element, "CustomData")
    entry_item = etree.SubElement(entry_custom, "Item")
    etree.SubElement(entry_item, "Key").text = "KPXC_BROWSER_HIDE_ENTRY"
    etree.SubElement(entry_item, "Value").text = "true"
    etree.SubElement(mail._element, "UnknownFutureElement", attrib={"Flag": "x"}).text = "kept"

    token = etree.SubElement(mail._element, "String")
    etree.SubElement(token, "Key").text = "token"
    etree.SubElement(token, "Value", attrib={"Protected": "True"}).text = "protected custom value"


def dump(kp):
    sys.stdout.write(etree.tostring(kp.tree, encoding="unicode"))


def entries(kp):
    result = []
    for entry in kp.entries:
        attachments = {}
        for attachment in entry.attachments:
            attachments[attachment.filename] = base64.b64encode(attachment.data).decode()
        result.append({
            "uuid": entry.uuid.hex,
            "title": entry.title,
            "username": entry.username,
            "password": entry.password,
            "url": entry.url,
            "notes": entry.notes,
            "custom": entry.custom_properties,
            "attachments": attachments,
            "history": len(entry.history),
            "group": entry.group.name,
        })
    json.dump(result, sys.stdout)


def edit(kp, title, new_password):
    entry = kp.find_entries(title=title, first=True)
    entry.password = new_password
    kp.add_entry(kp.root_group, "added", "dave", "added password")
    kp.save()


def main():
    command, path, password, keyfile = sys.argv[1], sys.argv[2], arg(sys.argv[3]), arg(sys.argv[4])
    rest = sys.argv[5:]
    if command == "create":
        create(path, password, keyfile, *rest)
        return
    kp = PyKeePass(path, password=password, keyfile=keyfile)
    if command == "dump":
        dump(kp)
    elif command == "entries":
        entries(kp)
    elif command == "edit":
        edit(kp, *rest)
    else:
        raise SystemExit("unknown command " + command)


if __name__ == "__main__":
    main()
