package bloom.film;

/**
 * How long work tells its caller what it is doing: a line now and then, and a bar for work
 * counted in frames. A command line draws them on a terminal; a cluster task or a test keeps
 * quiet with {@link #SILENT}.
 */
public interface Progress {

    /** One line worth telling (a resume, a skipped record). */
    void log(String line);

    /** A bar over {@code total} units of {@code unit}, started now. */
    Bar bar(String label, long total, String unit);

    /** One piece of counted work. */
    interface Bar {
        /** {@code done} of the total are done; {@code detail} says where (may be empty). */
        void update(long done, String detail);

        /** The work is over. */
        void finish(String detail);
    }

    /** Says nothing. */
    Progress SILENT = new Progress() {
        @Override
        public void log(String line) { }

        @Override
        public Bar bar(String label, long total, String unit) {
            return new Bar() {
                @Override
                public void update(long done, String detail) { }

                @Override
                public void finish(String detail) { }
            };
        }
    };

    /** Lines to {@code log}, no bars. */
    static Progress lines(java.util.function.Consumer<String> log) {
        return new Progress() {
            @Override
            public void log(String line) {
                log.accept(line);
            }

            @Override
            public Bar bar(String label, long total, String unit) {
                return SILENT.bar(label, total, unit);
            }
        };
    }
}
