import java.io.*;
import java.nio.charset.StandardCharsets;

/**
 * Reference peer for the frame codec conformance test. Reads one request per line on stdin and
 * answers one line on stdout, using only java.io.DataOutputStream.writeUTF and
 * DataInputStream.readUTF.
 *   E <hex of UTF-16 code units, 4 digits each>  ->  OK <hex of the writeUTF frame> | ERR <exception>
 *   D <hex of a payload, without length prefix>  ->  OK <hex of UTF-16 code units> | ERR <exception>
 */
public class Mutf8Ref {
  public static void main(String[] args) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
    PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.US_ASCII)));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isEmpty()) continue;
      char mode = line.charAt(0);
      String hex = line.length() > 2 ? line.substring(2) : "";
      try {
        if (mode == 'E') {
          char[] units = new char[hex.length() / 4];
          for (int i = 0; i < units.length; i++) units[i] = (char) Integer.parseInt(hex.substring(i * 4, i * 4 + 4), 16);
          ByteArrayOutputStream bos = new ByteArrayOutputStream();
          new DataOutputStream(bos).writeUTF(new String(units));
          out.println("OK " + toHex(bos.toByteArray()));
        } else if (mode == 'D') {
          byte[] payload = fromHex(hex);
          ByteArrayOutputStream bos = new ByteArrayOutputStream();
          bos.write(payload.length >> 8);
          bos.write(payload.length & 0xff);
          bos.write(payload);
          String s = new DataInputStream(new ByteArrayInputStream(bos.toByteArray())).readUTF();
          StringBuilder sb = new StringBuilder();
          for (int i = 0; i < s.length(); i++) sb.append(String.format("%04x", (int) s.charAt(i)));
          out.println("OK " + sb);
        } else {
          out.println("ERR unknown mode");
        }
      } catch (Exception e) {
        out.println("ERR " + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
    out.flush();
  }

  static String toHex(byte[] b) {
    StringBuilder sb = new StringBuilder(b.length * 2);
    for (byte x : b) sb.append(String.format("%02x", x & 0xff));
    return sb.toString();
  }

  static byte[] fromHex(String h) {
    byte[] b = new byte[h.length() / 2];
    for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(h.substring(i * 2, i * 2 + 2), 16);
    return b;
  }
}
