import DossierModel
#if canImport(Glibc)
import Glibc
#endif

/// One benchmark: an area, an operation at a scale, and how to run it. Each area lists its cases in its own file
/// (`<Area>Bench.swift`, `static var <area>Cases: [BenchCase]` in an extension of `BenchRegistry`) and adds that
/// list to `BenchRegistry.all`.
struct BenchCase {
    var area: String
    /// The operation, e.g. "open to ready".
    var name: String
    /// The data size, e.g. "1M events"; cases of one scale share their `BenchContext` data.
    var scale: String
    var unit: BenchUnit = .seconds
    /// The target the issue sets (in `unit`), shown beside the result.
    var target: Double?
    var runs: Int = 5
    /// Runs the case: set up what it needs from `context`, then call `run.sample` once per run.
    var body: (BenchContext, inout BenchRun) throws -> Void
}

enum BenchUnit: String {
    case seconds = "s", mebibytes = "MiB", ratio = "x"

    func format(_ v: Double) -> String {
        switch self {
        case .mebibytes: return fixed(v, 1) + " MiB"
        case .ratio: return fixed(v, 2) + "x"
        case .seconds:
            if v < 1e-6 { return fixed(v * 1e9, 0) + " ns" }
            if v < 1e-3 { return fixed(v * 1e6, 2) + " us" }
            if v < 1 { return fixed(v * 1e3, 2) + " ms" }
            return fixed(v, 3) + " s"
        }
    }
}

func fixed(_ v: Double, _ decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let r = (v * scale).rounded() / scale
    var s = String(r)
    if let dot = s.firstIndex(of: ".") {
        let have = s.distance(from: dot, to: s.endIndex) - 1
        if decimals == 0 { s = String(s[..<dot]) } else if have < decimals { s += String(repeating: "0", count: decimals - have) }
    } else if decimals > 0 {
        s += "." + String(repeating: "0", count: decimals)
    }
    return s
}

/// Collects one case's samples.
struct BenchRun {
    var samples: [Double] = []
    /// CPU seconds (user + system, all threads of the process) of each timed run: on a loaded machine the wall time
    /// includes waiting for a core, the CPU time does not; work spread over several cores counts in full.
    var cpuSamples: [Double] = []
    var note = ""

    /// Times `body` once and records it.
    mutating func time(_ body: () throws -> Void) rethrows {
        let c = Clock.processCPU()
        let t = Clock.now()
        try body()
        samples.append(Clock.now() - t)
        cpuSamples.append(Clock.processCPU() - c)
    }

    mutating func sample(_ value: Double) { samples.append(value) }
}

/// Data shared by the cases of one scale (generated once, deterministically), and a scratch directory.
final class BenchContext {
    let scratch: String
    private var cache: [String: Any] = [:]

    init(scratch: String) { self.scratch = scratch }

    func shared<T>(_ key: String, _ make: () throws -> T) rethrows -> T {
        if let v = cache[key] as? T { return v }
        let v = try make()
        cache[key] = v
        return v
    }

    func drop(_ key: String) { cache[key] = nil }
}

enum Clock {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// CPU time of the whole process (every thread).
    static func processCPU() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

enum Memory {
    /// Resident memory now (MiB) after giving freed heap back to the system, with the peak reset to it
    /// (`/proc/self/clear_refs`): what a measurement of the next step's peak starts from.
    static func settledRSS() -> Double {
        typealias Trim = @convention(c) (Int) -> Int32
        if let trim = dlsym(nil, "malloc_trim") { _ = unsafeBitCast(trim, to: Trim.self)(0) }
        if let f = fopen("/proc/self/clear_refs", "w") {
            fputs("5", f)
            fclose(f)
        }
        return status("VmRSS")
    }

    /// A line of /proc/self/status in MiB (VmRSS: resident now, VmHWM: peak resident).
    static func status(_ field: String) -> Double {
        guard let f = fopen("/proc/self/status", "r") else { return 0 }
        defer { fclose(f) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, 256, f) != nil {
            let s = String(decoding: line.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if s.hasPrefix(field + ":") {
                let digits = s.filter(\.isNumber)
                return (Double(digits) ?? 0) / 1024  // kB -> MiB
            }
        }
        return 0
    }
}

/// The results of one case.
struct BenchResult {
    var area: String, name: String, scale: String, unit: BenchUnit
    var median: Double, min: Double, max: Double, runs: Int
    /// Median CPU time of the timed runs (nil for cases that record values rather than time runs).
    var cpuMedian: Double?
    var target: Double?
    var peakRSS: Double
    var note: String

    var meetsTarget: Bool? { target.map { median <= $0 } }
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    guard !s.isEmpty else { return 0 }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// The p-th quantile (0...1) of samples.
func quantile(_ xs: [Double], _ p: Double) -> Double {
    let s = xs.sorted()
    guard !s.isEmpty else { return 0 }
    return s[min(s.count - 1, Int(Double(s.count - 1) * p + 0.5))]
}

enum BenchRegistry {
    /// Every area's cases. Areas add their list here (one line each).
    static var all: [BenchCase] {
        storeCases
            + trustCases
            + renderCases
            + tuiCases
            + exchangeCases
            + stixImportCases
            + engineCases
            + chartCases
    }
}
