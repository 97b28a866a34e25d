#!/usr/bin/env bash
# What load-time weaving costs at start-up: generates CLASSES small classes (one in 20 with an
# @OptimoveEvent method), then times loading and initialising all of them in a fresh JVM, RUNS
# times without the agent and RUNS times with -javaagent:aspectjweaver.jar (optimove-aspect's
# aop.xml), and prints the medians. Figures in docs/weaving.md, "Build set-ups".
#
#   benchmarks/ltw-startup.sh [CLASSES] [RUNS]   (defaults: 500 and 7; JAVA_HOME picks the JDK,
#                                                M2_REPO the local repository)
set -euo pipefail
cd "$(dirname "$0")/.."
classes=${1:-500}
runs=${2:-7}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
javac=${JAVA_HOME:+$JAVA_HOME/bin/}javac

mvn -B -q package -DskipTests -pl optimove-aspect -am
prop() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml | head -1; }
repo=${M2_REPO:-$HOME/.m2/repository}
aj=$(prop aspectj.version); jackson=$(prop jackson.version); slf4j=$(prop slf4j.version)
weaver=$repo/org/aspectj/aspectjweaver/$aj/aspectjweaver-$aj.jar
[ -f "$weaver" ] || { echo "no $weaver: run mvn -B verify once (optimove-it resolves it)"; exit 1; }
libs=$(ls optimove-annotations/target/optimove-annotations-*.jar optimove-aspect/target/optimove-aspect-*.jar \
  optimove-client/target/optimove-client-*.jar | grep -v -e sources -e javadoc | tr '\n' ':')
libs=$libs$repo/org/aspectj/aspectjrt/$aj/aspectjrt-$aj.jar:$repo/org/slf4j/slf4j-api/$slf4j/slf4j-api-$slf4j.jar
for a in core/jackson-databind core/jackson-core core/jackson-annotations; do
  v=$jackson; [ "$a" = core/jackson-annotations ] && v=${jackson%.*} # 2.20.x uses annotations 2.20
  libs=$libs:$repo/com/fasterxml/jackson/$a/$v/${a#core/}-$v.jar
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/gen" "$work/classes"
for ((i = 0; i < classes; i++)); do
  {
    echo "package gen; import dev.optievent.annotation.*; public class C$i {"
    for m in 0 1 2 3 4; do
      echo "  public int m$m(int x) { int y = x * $m; for (int k = 0; k < x; k++) { y += k ^ $i; } return y; }"
    done
    if ((i % 20 == 0)); then
      echo "  @OptimoveEvent(name = \"e$i\") public void report(@CustomerId String id, @EventParam(\"n\") int n) {}"
    fi
    echo "}"
  } > "$work/src/gen/C$i.java"
done
cat > "$work/src/gen/Main.java" <<JAVA
package gen;
public class Main {
  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    for (int i = 0; i < $classes; i++) {
      Class.forName("gen.C" + i, true, Main.class.getClassLoader());
    }
    System.out.println((System.nanoTime() - start) / 1_000_000);
  }
}
JAVA
"$javac" -proc:none -d "$work/classes" -cp "$libs" "$work"/src/gen/*.java

median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
measure() { # prints "load-ms wall-ms" medians over $runs runs
  local loads=() walls=()
  for ((r = 0; r < runs; r++)); do
    local t0 t1 load
    t0=$(date +%s%N)
    load=$("$java" "$@" -cp "$work/classes:$libs" gen.Main)
    t1=$(date +%s%N)
    loads+=("$load"); walls+=($(((t1 - t0) / 1000000)))
  done
  echo "$(printf '%s\n' "${loads[@]}" | median) $(printf '%s\n' "${walls[@]}" | median)"
}
"$java" -version 2>&1 | head -1
echo "machine: $(nproc) CPUs; $classes classes ($((classes / 20)) with @OptimoveEvent), median of $runs runs"
read -r l0 w0 < <(measure)
read -r l1 w1 < <(measure "-javaagent:$weaver")
echo "without agent: loading the classes ${l0} ms, whole JVM run ${w0} ms"
echo "with agent:    loading the classes ${l1} ms, whole JVM run ${w1} ms"
echo "cost:          +$((l1 - l0)) ms loading, +$((w1 - w0)) ms in all"
