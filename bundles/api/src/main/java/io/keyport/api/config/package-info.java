/**
 * Checks of configuration properties against a component's configuration annotation, so that a component can
 * reject an invalid configuration with a message that names the key, the value and what to write instead.
 */
@Export
@Version("1.0.0")
package io.keyport.api.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
