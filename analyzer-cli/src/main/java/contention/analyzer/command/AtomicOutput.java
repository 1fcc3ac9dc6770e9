// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.command;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Writes an output file all at once: into a temporary file in the same directory, then moved over the
 * target atomically, so a failure never leaves a partial report behind.
 */
public final class AtomicOutput {

    /** What writes the content. */
    @FunctionalInterface
    public interface Content {

        /** Writes everything to {@code out}. */
        void writeTo(Writer out) throws IOException;
    }

    /**
     * Writes {@code content} to {@code target} (UTF-8), replacing it if it exists.
     *
     * @param target the file to write
     * @param shownAs the target's name as the user gave it, for messages
     * @throws UserDataException when the target cannot be written, in one line naming it
     * @throws IOException when writing the content itself fails for another reason
     */
    public static void write(Path target, String shownAs, Content content) throws UserDataException, IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new UserDataException("cannot write '" + shownAs + "': it is a directory");
        }
        if (directory == null || !Files.isDirectory(directory)) {
            throw new UserDataException("cannot write '" + shownAs + "': no such directory");
        }
        Path temporary;
        try {
            temporary = Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".tmp");
        } catch (AccessDeniedException e) {
            throw new UserDataException("cannot write '" + shownAs + "': permission denied");
        } catch (FileSystemException e) {
            throw new UserDataException("cannot write '" + shownAs + "': " + reason(e));
        }
        boolean moved = false;
        try {
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                content.writeTo(out);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } catch (AccessDeniedException e) {
            throw new UserDataException("cannot write '" + shownAs + "': permission denied");
        } catch (NoSuchFileException e) {
            throw new UserDataException("cannot write '" + shownAs + "': no such directory");
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    private static String reason(FileSystemException e) {
        String reason = e.getReason();
        return reason == null ? e.getClass().getSimpleName() : reason.toLowerCase(Locale.ROOT);
    }

    private AtomicOutput() {}
}
