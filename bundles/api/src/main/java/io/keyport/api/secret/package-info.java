/**
 * Secret values as Keyport bundles pass them to each other: bytes with a content type, wiped when closed.
 */
@Export
@Version("1.0.0")
package io.keyport.api.secret;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
