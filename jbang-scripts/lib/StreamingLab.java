// The kit's library for the JBang scripts beside this folder. JBang compiles this checkout's own sources into one
// jar that every script shares (a source dependency, rebuilt when a source changes), so each clone runs its own code
// and nothing has to be installed first. The dependencies are pom.xml's: JbangLibraryTest holds the two lists equal.
//JAVA 17+
// The library jar's own entry point (it has several classes with main): runs any command class by name.
//MAIN dev.streaminglab.Cli
//DEPS com.fasterxml.jackson:jackson-bom:2.19.2@pom
//DEPS org.apache.kafka:kafka-clients:4.3.1
//DEPS org.apache.kafka:kafka-streams:4.3.1
//DEPS org.apache.kafka:kafka_2.13:4.3.1
//DEPS org.apache.kafka:kafka-tools:4.3.1
//DEPS org.apache.kafka:connect-runtime:4.3.1
//DEPS org.apache.kafka:connect-json:4.3.1
//DEPS org.apache.kafka:connect-file:4.3.1
//DEPS org.apache.kafka:connect-mirror:4.3.1
//DEPS org.apache.kafka:connect-transforms:4.3.1
//DEPS org.apache.kafka:kafka-streams-test-utils:4.3.1
//DEPS info.picocli:picocli:4.7.7
//DEPS com.fasterxml.jackson.core:jackson-databind
//DEPS com.fasterxml.jackson.dataformat:jackson-dataformat-yaml
//DEPS me.tongfei:progressbar:0.10.1
//DEPS tech.tablesaw:tablesaw-core:0.44.4
//DEPS org.knowm.xchart:xchart:3.8.8
//DEPS org.webjars.npm:uplot:1.6.30
//DEPS org.postgresql:postgresql:42.7.8
//DEPS org.hdrhistogram:HdrHistogram:2.2.2
//DEPS commons-io:commons-io:2.22.0
//DEPS jakarta.ws.rs:jakarta.ws.rs-api:3.1.0
//DEPS jakarta.servlet:jakarta.servlet-api:6.0.0
//DEPS jakarta.annotation:jakarta.annotation-api:2.1.1
//DEPS jakarta.inject:jakarta.inject-api:2.0.1
//DEPS jakarta.validation:jakarta.validation-api:3.0.2
//DEPS org.slf4j:slf4j-api:2.0.17
//DEPS org.apache.logging.log4j:log4j-slf4j2-impl:2.25.4
//DEPS org.apache.logging.log4j:log4j-core:2.25.4
//SOURCES ../../src/main/java/**.java
//FILES ../../src/main/resources/**
class StreamingLab {
}
