package dev.capmill.cli;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ITypeConverter;

/**
 * The command line's quick path: parses the usual command lines of capmill's commands from a
 * table of their options ({@link ArgsTable}, written from picocli's model of the annotated commands
 * by the test tool ArgsTableWriter), without building that model. picocli builds it by reflection
 * over the annotations, about 0.12 s of a JVM's start (a third of a small run's time, a fifth of
 * a merge's or a filter's), while this takes a millisecond.
 *
 * <p>picocli stays the reference: whatever this path is not sure of (an unknown or misplaced
 * option, a missing value or required option, an option given twice, --help, --version,
 * --no-header, a value that does not convert, a wrong number of inputs) makes {@link #parse}
 * answer null, and picocli parses the command line as before, with its messages. The CLI tests
 * parse every command line they run both ways and compare the resulting objects.
 */
final class FastArgs {
    private static final String NONE = "\\N";

    private FastArgs() {
    }

    /** One option of a command, as the table gives it. */
    private static final class Opt {
        String[] names;
        String path;
        String type;
        String element;
        int arity;
        String defaultValue;
        String converter;
        boolean multi;
        boolean special; // --help, --version, negatable or otherwise left to picocli
        boolean required;
    }

    /** A command's model from the table. */
    private static final class Model {
        String className;
        final Map<String, Opt> byName = new HashMap<>();
        final List<Opt> options = new ArrayList<>();
        final List<String[]> mixins = new ArrayList<>();
        String positionalPath;
        String positionalType;
        int positionalMin;
        int positionalMax;
        boolean positionalSeen;
        boolean unsupported;
    }

    /**
     * The command {@code args} name, with its fields set from them, ready to call; null when this
     * path cannot say what picocli would do (then picocli parses them).
     */
    static Callable<Integer> parse(String[] args) {
        if (args.length == 0) {
            return null;
        }
        try {
            Model m = load(args[0]);
            if (m == null || m.unsupported) {
                return null;
            }
            Object command = Main.subcommand(args[0]);
            if (!command.getClass().getName().equals(m.className) || !(command instanceof Callable)) {
                return null;
            }
            for (String[] mixin : m.mixins) {
                Field f = field(command.getClass(), mixin[0]);
                if (f.get(command) == null) {
                    f.set(command, Class.forName(mixin[1]).getDeclaredConstructor().newInstance());
                }
            }
            Set<Opt> seen = new HashSet<>();
            List<String> positional = new ArrayList<>();
            boolean endOfOptions = false;
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                if (!endOfOptions && a.equals("--")) {
                    endOfOptions = true;
                    continue;
                }
                if (endOfOptions || !a.startsWith("-") || a.equals("-")) {
                    positional.add(a);
                    continue;
                }
                String name = a;
                String value = null;
                int eq = a.indexOf('=');
                if (eq > 0 && m.byName.containsKey(a.substring(0, eq))) {
                    name = a.substring(0, eq);
                    value = a.substring(eq + 1);
                }
                Opt o = m.byName.get(name);
                if (o == null || o.special || (seen.contains(o) && !o.multi)) {
                    return null;
                }
                seen.add(o);
                if (o.arity == 0) {
                    if (value != null) {
                        return null;
                    }
                    set(command, o.path, Boolean.TRUE);
                    continue;
                }
                if (value == null) {
                    if (i + 1 >= args.length || looksLikeOption(m, args[i + 1])) {
                        return null;
                    }
                    value = args[++i];
                }
                Object v = convert(o, value);
                if (o.multi) {
                    append(command, o.path, v);
                } else {
                    set(command, o.path, v);
                }
            }
            for (Opt o : m.options) {
                if (o.required && !seen.contains(o)) {
                    return null;
                }
                if (!seen.contains(o) && o.defaultValue != null) {
                    set(command, o.path, convert(o, o.defaultValue));
                }
            }
            if (m.positionalSeen) {
                if (positional.size() < m.positionalMin || positional.size() > m.positionalMax) {
                    return null;
                }
                if (m.positionalType.equals("java.util.List")) {
                    for (String p : positional) {
                        append(command, m.positionalPath, p);
                    }
                } else if (m.positionalType.equals("java.lang.String") && m.positionalMax == 1) {
                    if (!positional.isEmpty()) {
                        set(command, m.positionalPath, positional.get(0));
                    }
                } else {
                    return null;
                }
            } else if (!positional.isEmpty()) {
                return null;
            }
            @SuppressWarnings("unchecked")
            Callable<Integer> c = (Callable<Integer>) command;
            return c;
        } catch (Exception e) {
            // a value that does not convert, a table that does not fit the classes: picocli decides
            return null;
        }
    }

    /** Whether picocli would take {@code arg} for an option rather than a value. */
    private static boolean looksLikeOption(Model m, String arg) {
        if (arg.equals("--") || m.byName.containsKey(arg)) {
            return true;
        }
        int eq = arg.indexOf('=');
        if (eq > 0 && m.byName.containsKey(arg.substring(0, eq))) {
            return true;
        }
        // a cluster of short options (-qa), or a short option with its value attached (-oFILE)
        return arg.length() > 2 && arg.charAt(0) == '-' && arg.charAt(1) != '-' && m.byName.containsKey(arg.substring(0, 2));
    }

    private static Object convert(Opt o, String value) throws Exception {
        if (!o.converter.equals("-")) {
            ITypeConverter<?> c = (ITypeConverter<?>) Class.forName(o.converter).getDeclaredConstructor().newInstance();
            return c.convert(value);
        }
        String type = o.multi ? o.element : o.type;
        switch (type) {
            case "java.lang.String":
                return value;
            case "int":
            case "java.lang.Integer":
                return Integer.valueOf(value);
            case "long":
            case "java.lang.Long":
                return Long.valueOf(value);
            default:
                throw new IllegalArgumentException("no conversion to " + type);
        }
    }

    private static void set(Object command, String path, Object value) throws Exception {
        Object owner = owner(command, path);
        field(owner.getClass(), path.substring(path.lastIndexOf('.') + 1)).set(owner, value);
    }

    @SuppressWarnings("unchecked")
    private static void append(Object command, String path, Object value) throws Exception {
        Object owner = owner(command, path);
        Field f = field(owner.getClass(), path.substring(path.lastIndexOf('.') + 1));
        List<Object> list = (List<Object>) f.get(owner);
        if (list == null) {
            list = new ArrayList<>();
            f.set(owner, list);
        }
        list.add(value);
    }

    /** The object a path's last field belongs to: the command, or the mixin its first part names. */
    private static Object owner(Object command, String path) throws Exception {
        int dot = path.lastIndexOf('.');
        return dot > 0 ? field(command.getClass(), path.substring(0, dot)).get(command) : command;
    }

    private static Field field(Class<?> c, String name) throws NoSuchFieldException {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    /** The rows of {@code command} in the table; null when it has no such command. */
    private static Model load(String command) {
        String table = ArgsTable.TEXT;
        String key = "\t" + command + "\t";
        Model m = null;
        for (int at = 0, nl; at < table.length(); at = nl + 1) {
            nl = table.indexOf('\n', at);
            if (nl < 0) {
                nl = table.length();
            }
            int tab = table.indexOf('\t', at);
            if (table.charAt(at) == '#' || tab < 0 || tab > nl || !table.startsWith(key, tab)) {
                continue;
            }
            String[] c = table.substring(at, nl).split("\t", -1);
            if (m == null) {
                m = new Model();
            }
            switch (c[0]) {
                case "command":
                    m.className = c[2];
                    break;
                case "mixin":
                    m.mixins.add(new String[] {c[2], c[3]});
                    break;
                case "option":
                    m.options.add(option(m, c));
                    break;
                case "positional":
                    if (m.positionalSeen) {
                        m.unsupported = true; // several positional parameters: picocli's index rules
                    }
                    m.positionalSeen = true;
                    m.positionalPath = c[2];
                    m.positionalType = c[3];
                    int[] range = range(c[5]);
                    m.positionalMin = range[0];
                    m.positionalMax = range[1];
                    break;
                default:
                    m.unsupported = true;
            }
        }
        return m == null || m.className == null ? null : m;
    }

    private static Opt option(Model m, String[] c) {
        Opt o = new Opt();
        o.names = c[2].split(",");
        o.path = c[3];
        o.type = c[4];
        o.element = c[5];
        int[] range = range(c[6]);
        o.defaultValue = c[7].equals(NONE) ? null : c[7];
        if (o.defaultValue != null && o.defaultValue.contains("${")) {
            m.unsupported = true; // picocli interpolates it
        }
        o.converter = c[8];
        List<String> flags = List.of(c[9].split(","));
        o.multi = flags.contains("multi");
        o.required = flags.contains("required");
        o.special = flags.contains("help") || flags.contains("version") || flags.contains("negatable")
                || flags.contains("split") || flags.contains("foreign") || range[0] != range[1] || range[0] > 1
                || (range[0] == 0 && !o.type.equals("boolean"));
        o.arity = range[0];
        for (String n : o.names) {
            m.byName.put(n, o);
        }
        return o;
    }

    /** picocli's arity ("1", "0", "1..*", "0..1") as {min, max}. */
    private static int[] range(String arity) {
        int dots = arity.indexOf("..");
        if (dots < 0) {
            int n = Integer.parseInt(arity);
            return new int[] {n, n};
        }
        String hi = arity.substring(dots + 2);
        return new int[] {Integer.parseInt(arity.substring(0, dots)), hi.equals("*") ? Integer.MAX_VALUE : Integer.parseInt(hi)};
    }
}
