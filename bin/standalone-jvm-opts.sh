# JVM settings of the standalone launcher, shared by bin/baton-standalone and bench/run.sh.
# Sized so the whole process (four services, the in-JVM Kafka broker) stays under 512 MB resident under load:
#  - a 224 MB heap with a fixed 48 MB young generation; Serial GC (one JVM on a small machine, no GC threads),
#    giving committed heap back when the free share exceeds 30 %;
#  - a 96 MB cap on compiled code, 192 MB on class metadata, 512 KB thread stacks;
#  - Netty's pooled buffers in one arena of 2 MB chunks instead of one per core of 4 MB.
# MALLOC_ARENA_MAX=2 (exported by the callers) stops glibc from growing a malloc arena per busy thread.
BATON_STANDALONE_JVM_OPTS="-Xms64m -Xmx224m -Xmn48m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:+UseSerialGC \
-XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=96m -Xss512k \
-Dio.netty.allocator.numDirectArenas=1 -Dio.netty.allocator.numHeapArenas=1 -Dio.netty.allocator.maxOrder=8"
