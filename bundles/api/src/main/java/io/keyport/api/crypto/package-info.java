/**
 * Cryptography for Keyport bundles: the Secret Service transfer algorithms that protect secrets between a client
 * and the daemon ({@link io.keyport.api.crypto.TransferAlgorithms}), key derivation
 * ({@link io.keyport.api.crypto.KeyDerivation}) and authenticated encryption ({@link io.keyport.api.crypto.Aead})
 * for storage engines.
 */
@Export
@Version("1.0.0")
package io.keyport.api.crypto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
