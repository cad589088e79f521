#!/usr/bin/python3
"""Compute the test vectors pasted into the keyport-crypto unit tests.

The values come from Python integer arithmetic, hmac and hashlib, the `cryptography`
package (AES) and `argon2-cffi` (libargon2, the Argon2 reference implementation), so
they do not depend on the Java code under test. On Debian, run it with /usr/bin/python3,
which has python3-cryptography and python3-argon2:

    /usr/bin/python3 bundles/crypto/src/test/resources/compute-test-vectors.py

Every search below is deterministic, so each run prints the same values.
"""

import hashlib
import hmac

from argon2.low_level import Type, hash_secret_raw
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

# RFC 2409 section 6.2, Second Oakley Group: the 1024-bit MODP group with generator 2.
P = int(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A0879"
    "8E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B"
    "0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381FFFFFFFFFFFFFFFF",
    16,
)
G = 2
GROUP_BYTES = 128


def to_group_bytes(value):
    return value.to_bytes(GROUP_BYTES, "big")


def hkdf_sha256(ikm, salt, info, length):
    """RFC 5869 extract and expand, written out with hmac."""
    prk = hmac.new(salt if salt else bytes(32), ikm, hashlib.sha256).digest()
    okm = b""
    block = b""
    counter = 1
    while len(okm) < length:
        block = hmac.new(prk, block + info + bytes([counter]), hashlib.sha256).digest()
        okm += block
        counter += 1
    return okm[:length]


def seed_exponent(label):
    return int.from_bytes(hashlib.sha256(label).digest(), "big")


def session_key(shared_secret):
    key = hkdf_sha256(to_group_bytes(shared_secret), b"", b"", 16)
    # Cross-check the hand-written HKDF against the cryptography package.
    assert key == HKDF(SHA256(), 16, None, b"").derive(to_group_bytes(shared_secret))
    return key


def aes128_cbc_pkcs7(key, iv, plaintext):
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plaintext) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return encryptor.update(padded) + encryptor.finalize()


def print_hex(name, data):
    print(f"{name} = {data.hex()}")


# Client A: the first exponent from its seed whose public key has its top bit set,
# so a signed big-endian encoding would need 129 bytes.
client_a = seed_exponent(b"keyport test client A exponent")
while pow(G, client_a, P) >> (8 * GROUP_BYTES - 1) == 0:
    client_a += 1
client_a_public = pow(G, client_a, P)

# Client B: the first exponent whose public key starts with a zero byte, so the client
# sends it as 127 bytes.
client_b = seed_exponent(b"keyport test client B exponent")
while pow(G, client_b, P) >> (8 * (GROUP_BYTES - 1)) != 0:
    client_b += 1
client_b_public = pow(G, client_b, P)

# Service: the first exponent whose public key starts with a zero byte and whose shared
# secret with client A starts with two zero bytes. Each step multiplies instead of
# recomputing the powers.
service = seed_exponent(b"keyport test service exponent")
service_public = pow(G, service, P)
shared_a = pow(client_a_public, service, P)
while service_public >> (8 * (GROUP_BYTES - 1)) != 0 or shared_a >> (8 * (GROUP_BYTES - 2)) != 0:
    service += 1
    service_public = service_public * G % P
    shared_a = shared_a * client_a_public % P
assert service_public == pow(G, service, P)
assert shared_a == pow(client_a_public, service, P) == pow(service_public, client_a, P)
shared_b = pow(client_b_public, service, P)
assert shared_b == pow(service_public, client_b, P)

print("# dh-ietf1024-sha256-aes128-cbc-pkcs7")
print(f"service exponent = {service:x}")
print_hex("service public key", to_group_bytes(service_public))
print(f"client A exponent = {client_a:x}")
print_hex("client A public key", to_group_bytes(client_a_public))
print_hex("client A shared secret", to_group_bytes(shared_a))
key_a = session_key(shared_a)
print_hex("client A key", key_a)
print(f"client B exponent = {client_b:x}")
print_hex("client B public key (127 bytes)", to_group_bytes(client_b_public)[1:])
print_hex("client B shared secret", to_group_bytes(shared_b))
key_b = session_key(shared_b)
print_hex("client B key", key_b)

iv = bytes(range(0xA0, 0xB0))
print_hex("iv", iv)
for plaintext in (b"correct horse battery staple", b"", b"0123456789abcdef"):
    print(f"client A ciphertext of {plaintext!r} = {aes128_cbc_pkcs7(key_a, iv, plaintext).hex()}")
print(f"client B ciphertext of b'correct horse battery staple' = "
      f"{aes128_cbc_pkcs7(key_b, iv, b'correct horse battery staple').hex()}")

# Single blocks encrypted without padding, each with a last plaintext block that is not
# valid PKCS#7 padding, so a decryptor must reject them.
print()
print("# PKCS#7 padding failures, encrypted without padding under client A key")
for name, padded in (
    ("last byte 0x00", b"0123456789abcde\x00"),
    ("last byte 0x11", b"0123456789abcde\x11"),
    ("0x03 with a wrong byte", b"0123456789abc\x03\x02\x03"),
    ("0x10 with a wrong first byte", b"\x0f" + b"\x10" * 15),
):
    encryptor = Cipher(algorithms.AES(key_a), modes.CBC(iv)).encryptor()
    print(f"{name} = {(encryptor.update(padded) + encryptor.finalize()).hex()}")

print()
print("# HKDF-SHA256, RFC 5869 appendix A.1 and A.3")
rfc_a1 = hkdf_sha256(bytes([0x0B] * 22), bytes(range(0x0D)), bytes(range(0xF0, 0xFA)), 42)
assert rfc_a1.hex() == (
    "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")
print_hex("A.1 OKM", rfc_a1)
rfc_a3 = hkdf_sha256(bytes([0x0B] * 22), b"", b"", 42)
assert rfc_a3.hex() == (
    "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8")
print_hex("A.3 OKM", rfc_a3)

print()
print("# Argon2id version 0x13 from libargon2")
print_hex("password 'correct horse battery staple', salt 00..0f, m=256 KiB, t=2, p=2, 32 bytes",
          hash_secret_raw(b"correct horse battery staple", bytes(range(16)), 2, 256, 2, 32, Type.ID, 0x13))
print_hex("password '', salt 'saltsalt', m=64 KiB, t=1, p=1, 16 bytes",
          hash_secret_raw(b"", b"saltsalt", 1, 64, 1, 16, Type.ID, 0x13))

print()
print("# AES-256-GCM, output nonce || ciphertext || tag")
gcm_key = bytes(range(0x20, 0x40))
gcm_nonce = bytes(range(0xC0, 0xCC))
print_hex("key", gcm_key)
print_hex("nonce", gcm_nonce)
print_hex("plaintext 'correct horse battery staple', associated data 'header'",
          gcm_nonce + AESGCM(gcm_key).encrypt(gcm_nonce, b"correct horse battery staple", b"header"))
print_hex("empty plaintext, empty associated data", gcm_nonce + AESGCM(gcm_key).encrypt(gcm_nonce, b"", b""))
