# Spark (carestat.spark) needs a Java runtime: Spark 4 runs on Java 17 or later. When `java`
# is missing, Debian's default-jre-headless (OpenJDK 17 on Debian 12) is installed.
.PHONY: java

$(VENV)/.java:
	@mkdir -p $(VENV)
	command -v java >/dev/null 2>&1 || { apt-get update && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends default-jre-headless; }
	java -version
	touch $@

java: $(VENV)/.java ## Make sure a Java runtime is there for pyspark (installs default-jre-headless)
