package dev.applog;

/**
 * A message whose text is written by the sender, off the caller's thread, from pieces that cannot change after the
 * call (a bridge's pattern and the text of its arguments). The pieces, in order, are the message: the logger works
 * out the event's exact size from them without writing the text ({@link #pieces}), and {@link #text()} writes the
 * same characters.
 */
public abstract class DeferredMessage {

    /** Takes the message's pieces, in order: the characters {@code from} (inclusive) to {@code to} of {@code text}. */
    public interface Pieces {
        void piece(CharSequence text, int from, int to);
    }

    /** Hands every piece of the message, in order, to {@code out}. */
    public abstract void pieces(Pieces out);

    /** The message: its pieces one after the other. */
    public abstract String text();

    @Override
    public String toString() { return text(); }
}
