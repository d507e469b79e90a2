import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;

/**
 * The JVM side of `npm run bench` (codec): DataOutputStream.writeUTF and DataInputStream.readUTF
 * over the same strings the Node side measures. Input: a file of strings, one per line as hex
 * UTF-16 code units. Output: one line "encodeMBps decodeMBps payloadBytes frameMBps", where
 * encode appends every frame to one stream and frame makes one byte array per frame.
 * Args: file warmupMs measureMs.
 */
public class CodecBench {
  public static void main(String[] args) throws Exception {
    List<String> lines = Files.readAllLines(Paths.get(args[0]), StandardCharsets.US_ASCII);
    long warmup = Long.parseLong(args[1]);
    long measure = Long.parseLong(args[2]);
    String[] strings = new String[lines.size()];
    for (int i = 0; i < strings.length; i++) {
      String h = lines.get(i);
      char[] c = new char[h.length() / 4];
      for (int k = 0; k < c.length; k++) c[k] = (char) Integer.parseInt(h.substring(k * 4, k * 4 + 4), 16);
      strings[i] = new String(c);
    }
    ByteArrayOutputStream bos = new ByteArrayOutputStream(1 << 20);
    DataOutputStream out = new DataOutputStream(bos);
    for (String s : strings) out.writeUTF(s);
    byte[] all = bos.toByteArray();
    long payload = all.length - 2L * strings.length;

    double enc = rate(warmup, measure, payload, () -> {
      bos.reset();
      for (String s : strings) out.writeUTF(s);
      return bos.size();
    });
    double dec = rate(warmup, measure, payload, () -> {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(all));
      int n = 0;
      for (int i = 0; i < strings.length; i++) n += in.readUTF().length();
      return n;
    });
    double frame = rate(warmup, measure, payload, () -> {
      int n = 0;
      for (String s : strings) {
        ByteArrayOutputStream one = new ByteArrayOutputStream(2 + 3 * s.length());
        new DataOutputStream(one).writeUTF(s);
        n += one.toByteArray().length;
      }
      return n;
    });
    System.out.println(enc + " " + dec + " " + payload + " " + frame);
  }

  interface Pass { int run() throws IOException; }

  static long sink = 0;

  static double rate(long warmupMs, long measureMs, long bytesPerPass, Pass pass) throws IOException {
    long end = System.nanoTime() + warmupMs * 1_000_000L;
    while (System.nanoTime() < end) sink += pass.run();
    long passes = 0;
    long start = System.nanoTime();
    end = start + measureMs * 1_000_000L;
    long now;
    do {
      sink += pass.run();
      passes++;
      now = System.nanoTime();
    } while (now < end);
    return (double) bytesPerPass * passes / ((now - start) / 1e9) / 1e6;
  }
}
