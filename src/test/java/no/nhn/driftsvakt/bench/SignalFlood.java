package no.nhn.driftsvakt.bench;

import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * For {@code bench/kafka/run.sh}: an outside producer writing signals straight to {@code driftsvakt.signals}, as any
 * monitor may (docs/signals.md), keyed by component id, acks=all. The same storm as {@code bench/ingest}: components
 * {@code svc-S-H-V} of {@code bench/ingest/catalog.py} in turn, each component's state up every 10th round and down
 * otherwise (most signals repeat a known failure; every component's incident opens and resolves again and again).
 *
 * <p>Arguments: bootstrap servers, number of signals, components, signals per second (0: as fast as it goes), run
 * name (makes ids unique). Prints the rate it achieved.
 */
public final class SignalFlood {

    private SignalFlood() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        long count = Long.parseLong(args[1]);
        int components = Integer.parseInt(args[2]);
        long rate = Long.parseLong(args[3]);
        String run = args[4];
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failed = new AtomicReference<>();
        long started = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            for (long n = 0; n < count; n++) {
                if (rate > 0 && n % 100 == 0) { // keep the schedule in steps of 100
                    long due = started + n * 1_000_000_000L / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                int c = (int) (n % components);
                long round = n / components;
                String component = "svc-" + (c / 100) + "-" + ((c % 100) / 10 % 9) + "-" + (c % 10);
                String state = round % 10 == 9 ? "up" : "down";
                String value = "{\"id\":\"" + run + "-" + n + "\",\"source\":\"bench\",\"component\":\"" + component
                        + "\",\"state\":\"" + state + "\",\"at\":\"" + Instant.now() + "\"}";
                producer.send(new ProducerRecord<>("driftsvakt.signals", component, value), (md, e) -> {
                    if (e != null) {
                        failed.compareAndSet(null, e);
                    } else {
                        acked.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (failed.get() != null) {
            throw failed.get();
        }
        // The producer's own CPU, so the bench can tell the load generator's share of the machine from the service's.
        double cpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        System.out.printf("cpu %.1f s%n", cpu);
        System.out.printf("produced %d signals in %.1f s: %.0f signals/s%n", acked.get(), seconds, acked.get() / seconds);
    }
}
