// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.resize;

/**
 * The uploaded photos the service resizes: a few deterministic 640x480 ARGB images, generated once and only read
 * afterwards, and the three sizes every upload is resized to.
 */
final class Photos {

    static final int WIDTH = 640;
    static final int HEIGHT = 480;
    static final int COUNT = 4;

    /** Target sizes of every upload, {@code {width, height}}: thumbnail, preview, display. */
    static final int[][] SIZES = {{96, 72}, {240, 180}, {400, 300}};

    private final int[][] pixels = new int[COUNT][];
    private final long[][] expected = new long[COUNT][SIZES.length];

    Photos() {
        for (int p = 0; p < COUNT; p++) {
            int[] image = new int[WIDTH * HEIGHT];
            for (int y = 0; y < HEIGHT; y++) {
                for (int x = 0; x < WIDTH; x++) {
                    int r = (x * (p + 3) + y) & 0xff;
                    int g = (y * (p + 5) ^ x) & 0xff;
                    int b = (x * y + p * 77) >>> 3 & 0xff;
                    image[y * WIDTH + x] = 0xff000000 | r << 16 | g << 8 | b;
                }
            }
            pixels[p] = image;
        }
        for (int p = 0; p < COUNT; p++) {
            for (int s = 0; s < SIZES.length; s++) {
                expected[p][s] = Resizer.checksum(resize(p, s));
            }
        }
    }

    /** Photo {@code photo} resized to size {@code size}; the same pixels on every call and thread. */
    int[] resize(int photo, int size) {
        return Resizer.bilinear(pixels[photo], WIDTH, HEIGHT, SIZES[size][0], SIZES[size][1]);
    }

    /** The checksum a correct resize of {@code photo} to {@code size} has, computed once at start-up. */
    long expected(int photo, int size) {
        return expected[photo][size];
    }
}
