package bloom.cli.console;

/** Text from outside (file names, file contents) made safe to print on one terminal line. */
public final class Text {

    private Text() {}

    /**
     * {@code s} with every control character (escape codes, newlines, tabs, DEL, C1 controls)
     * and every Unicode format or line-separator character written as a visible escape,
     * {@code \n}, {@code \t}, {@code \e} or {@code \\u0085}, so a name can neither move the
     * cursor, recolour the terminal nor fake another line.
     */
    public static String printable(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String esc = escape(c);
            if (esc != null && sb == null) {
                sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (sb != null) {
                if (esc != null) {
                    sb.append(esc);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static String escape(char c) {
        switch (c) {
            case '\n': return "\\n";
            case '\r': return "\\r";
            case '\t': return "\\t";
            case 0x1b: return "\\e";
            default:
                break;
        }
        int t = Character.getType(c);
        if (Character.isISOControl(c) || t == Character.FORMAT || t == Character.LINE_SEPARATOR
                || t == Character.PARAGRAPH_SEPARATOR) {
            return String.format("\\u%04x", (int) c);
        }
        return null;
    }
}
