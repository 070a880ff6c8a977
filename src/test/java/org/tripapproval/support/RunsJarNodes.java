package org.tripapproval.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * An IT whose application runs in processes of its own ({@link JarNode}). Such a class runs beside
 * the ITs that run the application inside the test JVM (one Spring context and process engine at a
 * time, the browser), as most of its time is spent waiting on its nodes; the classes marked so run
 * one after the other, so at most two ITs work at once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(RunsJarNodes.LOCK)
public @interface RunsJarNodes {

  String LOCK = "jar-nodes";
}
