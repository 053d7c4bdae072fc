package org.forcelink.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A thread of its own that takes what callers queue and handles it in batches, many to a database
 * transaction; what arrives while one batch is handled goes into the next. Not started (or after
 * {@link #close}), and while the queue is full, {@link #offer} refuses and the caller handles its item
 * itself, so nothing piles up beyond the capacity. Closing handles what is queued before it returns.
 */
abstract class BatchWorker<T> implements AutoCloseable {

    private final String threadName;
    private final int batchSize;
    private final BlockingQueue<T> queue;
    private volatile Thread worker;
    private volatile boolean running;

    BatchWorker(String threadName, int capacity, int batchSize) {
        this.threadName = threadName;
        this.batchSize = batchSize;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Handles one batch, in the order queued; also called with what is left at close. */
    abstract void handle(List<T> batch);

    /** Starts the thread; until then items are refused by {@link #offer}. */
    public synchronized void start() {
        if (worker != null) {
            return;
        }
        running = true;
        worker = new Thread(this::loop, threadName);
        worker.setDaemon(true);
        worker.start();
    }

    /** Queues the item for the thread; false when it is not running or the queue is full. */
    boolean offer(T item) {
        return running && queue.offer(item);
    }

    /** Items queued and not yet taken into a batch. */
    public int pending() {
        return queue.size();
    }

    /** Stops the thread once every queued item is handled (at most a minute). */
    @Override
    public synchronized void close() {
        Thread thread = worker;
        if (thread == null) {
            return;
        }
        running = false;
        try {
            thread.join(TimeUnit.MINUTES.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker = null;
        List<T> left = new ArrayList<>();
        queue.drainTo(left);
        if (!left.isEmpty()) {
            handle(left);
        }
    }

    private void loop() {
        List<T> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                T first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                handle(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }
}
