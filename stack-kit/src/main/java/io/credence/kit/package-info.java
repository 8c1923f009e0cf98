/**
 * One kit for running the Credence stack, shared by {@code credence demo}, the bench, the system tests and the apps'
 * own integration tests: the broker, its topics and both apps in this JVM ({@link io.credence.kit.LocalStack},
 * {@link io.credence.kit.StackTopics}), an app in a child JVM that can be killed or measured
 * ({@link io.credence.kit.ChildApp}), reading topics ({@link io.credence.kit.TopicTail} on a thread of its own,
 * {@link io.credence.kit.TopicLog} on the caller's), feeding records ({@link io.credence.kit.RecordFeed},
 * {@link io.credence.kit.PacedFeeder}), calling the apps' endpoints ({@link io.credence.kit.Http}), and a scratch
 * directory for their state ({@link io.credence.kit.ScratchDir}).
 *
 * <p>The kit depends on embedded-broker, schemas and app-support only, never on stream-trainer or stream-scorer: their
 * integration tests use it at test scope, which a dependency on them would make a cycle. So the apps to start are the
 * caller's: {@link io.credence.kit.LocalStack} takes {@link io.credence.app.EmbeddedApp.Starter}s such as
 * {@code TrainerApp::start}, and {@link io.credence.kit.ChildApp} launches a main class by name.
 */
package io.credence.kit;
