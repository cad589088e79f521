/**
 * The prompter contract: services that ask the user for a passphrase or a confirmation on behalf of a
 * Secret Service client. The exporter uses the available prompter with the highest {@code
 * service.ranking}, so a GUI prompter can take over from a terminal one while a display exists.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.keyport.api.prompt;
