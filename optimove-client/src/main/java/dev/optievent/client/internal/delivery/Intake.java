package dev.optievent.client.internal.delivery;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * Where callers hand accepted events over: a first-in first-out list that any number of threads add
 * to without a lock and without allocating, and that one consumer at a time takes from.
 *
 * <p>The design is Dmitry Vyukov's intrusive multi-producer single-consumer queue (the one behind
 * Netty's and Akka's mailboxes): a producer swaps itself in as the tail with one atomic exchange
 * and then links its predecessor to itself; the deliveries are the list's nodes. Adding is
 * wait-free. Between a producer's exchange and its link the list is briefly cut there; a consumer
 * that meets the cut waits for the link, which follows within a few instructions unless the
 * producer's thread lost its core in between.
 *
 * <p>The intake has no bound of its own: {@link Room} bounds it (and the rest of the pipeline)
 * before anything is added. Consumers must be serialised by the caller (the pipeline's lock).
 * Internal.
 */
final class Intake {
  private static final VarHandle TAIL;

  static {
    try {
      TAIL = MethodHandles.lookup().findVarHandle(Intake.class, "tail", Delivery.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Spins before yielding, when the list is cut at a producer that has not linked yet. */
  private static final int SPINS = 128;

  /** The last node added; producers swap it. */
  @SuppressWarnings("unused") // through TAIL
  private volatile Delivery tail;

  /** Consumer only: the last node taken (or the placeholder); its link leads to the next. */
  private Delivery head;

  Intake() {
    Delivery placeholder = Delivery.placeholder();
    head = placeholder;
    tail = placeholder;
  }

  /**
   * Adds a delivery. Any thread; never blocks. A delivery is added at most once in its life.
   *
   * @param d the delivery
   */
  void add(Delivery d) {
    Delivery previous = (Delivery) TAIL.getAndSet(this, d);
    previous.linkNext(d);
  }

  /**
   * Takes the oldest delivery. One consumer at a time.
   *
   * @return the delivery, or {@code null} if none was added since the last one taken
   */
  Delivery poll() {
    Delivery h = head;
    Delivery next = h.linkedNext();
    if (next == null) {
      if (h == tail) {
        return null;
      }
      next = awaitLink(h);
    }
    head = next;
    h.unlinkNext(); // h has left: no producer links to it any more (it is not the tail)
    return next;
  }

  /**
   * Visits every delivery in the intake, oldest first, without taking any. One consumer at a time;
   * stops at a producer that has not linked yet (its delivery was not handed over before this).
   *
   * @param visitor told of each delivery
   */
  void forEach(Consumer<Delivery> visitor) {
    for (Delivery d = head.linkedNext(); d != null; d = d.linkedNext()) {
      visitor.accept(d);
    }
  }

  /**
   * @return whether nothing waits in the intake (exact for the consumer; a hint for others)
   */
  boolean isEmpty() {
    return head == tail;
  }

  /** A producer has swapped the tail beyond {@code h} but not linked {@code h} yet. */
  private static Delivery awaitLink(Delivery h) {
    Delivery next;
    int spins = 0;
    while ((next = h.linkedNext()) == null) {
      if (++spins < SPINS) {
        Thread.onSpinWait();
      } else {
        Thread.yield(); // the producer lost its core between the exchange and the link
      }
    }
    return next;
  }
}
