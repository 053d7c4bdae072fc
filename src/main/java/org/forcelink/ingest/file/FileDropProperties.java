package org.forcelink.ingest.file;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the file drop under {@code forcelink.file-drop.*}: how long a file's size must stay the
 * same before it is read, how often the inbox is looked at, and the largest file read.
 */
@ConfigurationProperties("forcelink.file-drop")
public record FileDropProperties(long stableMillis, long pollMillis, long maxFileBytes) {}
