"""Client side of Secret Service sessions: plain, and dh-ietf1024-sha256-aes128-cbc-pkcs7."""

import os

from cryptography.hazmat.primitives import hashes, padding
from cryptography.hazmat.primitives.asymmetric import dh
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

PLAIN = "plain"
DH_AES = "dh-ietf1024-sha256-aes128-cbc-pkcs7"

# The 1024-bit MODP group of RFC 2409, section 6.2 ("Second Oakley Group"), generator 2.
RFC2409_PRIME_1024 = int(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1"
    "29024E088A67CC74020BBEA63B139B22514A08798E3404DD"
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245"
    "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381"
    "FFFFFFFFFFFFFFFF", 16)
GROUP_BYTES = 128
DH_PARAMETERS = dh.DHParameterNumbers(RFC2409_PRIME_1024, 2).parameters()


class DhKeyPair:
    """The client's ephemeral Diffie-Hellman key pair for one OpenSession call."""

    def __init__(self):
        self._private_key = DH_PARAMETERS.generate_private_key()
        public_value = self._private_key.public_key().public_numbers().y
        # The public key travels as exactly 128 unsigned big-endian bytes.
        self.public_bytes = public_value.to_bytes(GROUP_BYTES, "big")

    def derive_aes_key(self, service_public_bytes):
        """Derive the 16-byte AES key from the service's public key (OpenSession output)."""
        service_value = int.from_bytes(bytes(service_public_bytes), "big")
        service_key = dh.DHPublicNumbers(service_value, DH_PARAMETERS.parameter_numbers()).public_key()
        # The shared secret is left-padded to the width of the prime before the KDF, because without
        # the padding about 1 key in 256 would differ from the service's.
        shared_secret = self._private_key.exchange(service_key).rjust(GROUP_BYTES, b"\0")
        return HKDF(algorithm=hashes.SHA256(), length=16, salt=None, info=b"").derive(shared_secret)


class TransferSession:
    """An open session: its object path and, for DH-AES, the key that secrets travel under."""

    def __init__(self, path, aes_key=None):
        self.path = path
        self.aes_key = aes_key

    def encode(self, value):
        """Return the (parameters, value) pair of a Secret struct carrying value."""
        if self.aes_key is None:
            return b"", value
        iv = os.urandom(16)
        padder = padding.PKCS7(128).padder()
        padded = padder.update(value) + padder.finalize()
        encryptor = Cipher(algorithms.AES(self.aes_key), modes.CBC(iv)).encryptor()
        return iv, encryptor.update(padded) + encryptor.finalize()

    def decode(self, parameters, value):
        """Return the cleartext of a Secret struct's (parameters, value) pair."""
        if self.aes_key is None:
            return bytes(value)
        decryptor = Cipher(algorithms.AES(self.aes_key), modes.CBC(bytes(parameters))).decryptor()
        padded = decryptor.update(bytes(value)) + decryptor.finalize()
        unpadder = padding.PKCS7(128).unpadder()
        return unpadder.update(padded) + unpadder.finalize()
