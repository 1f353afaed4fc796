package org.cnnworkbench.spark;

import java.io.Serializable;

/**
 * DL4J's oneDNN fast path as one Spark executor has it ({@code Dl4jRuntime.fastPathStatus()} run in a task there).
 *
 * @param executor    Spark's executor id ("driver" in local[N], where the workers are threads of this JVM) and host
 * @param engaged     whether convolutions run through DL4J's oneDNN helper there
 * @param description the status in one line
 */
public record WorkerFastPath(String executor, boolean engaged, String description) implements Serializable {
}
