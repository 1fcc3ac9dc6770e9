// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.resize;

/** Pure-Java pixel math on packed ARGB {@code int[]} images: all CPU, no locks, no I/O. */
final class Resizer {

    /** Scales {@code src} ({@code w x h}) to {@code outW x outH} by bilinear interpolation of each channel. */
    static int[] bilinear(int[] src, int w, int h, int outW, int outH) {
        int[] out = new int[outW * outH];
        // 16.16 fixed point, so that every run computes exactly the same pixels.
        long xStep = ((long) (w - 1) << 16) / Math.max(1, outW - 1);
        long yStep = ((long) (h - 1) << 16) / Math.max(1, outH - 1);
        for (int y = 0; y < outH; y++) {
            long fy = y * yStep;
            int y0 = (int) (fy >>> 16);
            int y1 = Math.min(h - 1, y0 + 1);
            int wy = (int) (fy & 0xffff);
            for (int x = 0; x < outW; x++) {
                long fx = x * xStep;
                int x0 = (int) (fx >>> 16);
                int x1 = Math.min(w - 1, x0 + 1);
                int wx = (int) (fx & 0xffff);
                int p00 = src[y0 * w + x0];
                int p01 = src[y0 * w + x1];
                int p10 = src[y1 * w + x0];
                int p11 = src[y1 * w + x1];
                int argb = 0;
                for (int shift = 0; shift < 32; shift += 8) {
                    long top = (p00 >>> shift & 0xff) * (long) (0x10000 - wx) + (p01 >>> shift & 0xff) * (long) wx;
                    long bottom = (p10 >>> shift & 0xff) * (long) (0x10000 - wx) + (p11 >>> shift & 0xff) * (long) wx;
                    long value = (top * (0x10000 - wy) + bottom * wy) >>> 32;
                    argb |= (int) (value & 0xff) << shift;
                }
                out[y * outW + x] = argb;
            }
        }
        return sharpen(out, outW, outH);
    }

    /** A 3x3 unsharp mask, as thumbnails get after downscaling; edges are copied. */
    static int[] sharpen(int[] src, int w, int h) {
        int[] out = src.clone();
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int argb = 0xff000000;
                for (int shift = 0; shift < 24; shift += 8) {
                    int centre = src[y * w + x] >>> shift & 0xff;
                    int around = (src[(y - 1) * w + x] >>> shift & 0xff) + (src[(y + 1) * w + x] >>> shift & 0xff)
                            + (src[y * w + x - 1] >>> shift & 0xff) + (src[y * w + x + 1] >>> shift & 0xff);
                    int value = Math.max(0, Math.min(255, 2 * centre - around / 4));
                    argb |= value << shift;
                }
                out[y * w + x] = argb;
            }
        }
        return out;
    }

    /** An order-sensitive checksum of an image's pixels. */
    static long checksum(int[] image) {
        long sum = 17;
        for (int pixel : image) {
            sum = sum * 31 + pixel;
        }
        return sum;
    }

    private Resizer() {}
}
