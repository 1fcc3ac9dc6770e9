// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarFile;

/**
 * Puts the helpers that advice in JDK classes calls ({@code contention.agent.bootstrap}) on the bootstrap class
 * path: they travel inside the agent jar as {@code contention-bootstrap.jar} and are written to a temporary file.
 * The JVM notes the appended path once on stderr ("Sharing is only supported for boot loader classes ...") when
 * class data sharing is on; that is the JVM's message, not an error.
 */
final class BootstrapJar {

    static final String RESOURCE = "/contention-bootstrap.jar";

    /** Appends the nested jar; must run before any class of {@code contention.agent.bootstrap} is touched. */
    static void append(Instrumentation instrumentation) throws IOException {
        Path jar = Files.createTempFile("contention-bootstrap-", ".jar");
        jar.toFile().deleteOnExit();
        try (InputStream in = BootstrapJar.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is missing from the agent jar");
            }
            Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
        }
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
    }

    private BootstrapJar() {}
}
