using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Switchboard.Sip.Auth;

namespace Switchboard.Sip.Benchmarks.Auth;

/// <summary>
/// The per-REGISTER/INVITE cost of digest: parse the Authorization value, check the nonce MAC, recompute the
/// response and update the replay window. Each iteration uses a fresh nonce-count so the replay check passes.
/// </summary>
[MemoryDiagnoser]
// In-process: the project file name (Sip.Benchmarks) differs from the assembly name, which the default
// out-of-process toolchain cannot resolve.
[InProcess]
public class DigestVerifyBenchmarks
{
    private const string Realm = "demo.example";
    private DigestAuthenticator _authenticator = null!;
    private string _nonce = null!;
    private string _ha1 = null!;
    private byte[][] _values = null!;
    private byte[] _challengeValue = null!;
    private int _next;

    [Params(DigestAlgorithm.Md5, DigestAlgorithm.Sha256)]
    public DigestAlgorithm Algorithm { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = new DigestAuthOptions
        {
            NonceSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            NonceLifetime = TimeSpan.FromDays(1),
        };
        _authenticator = new DigestAuthenticator(Options.Create(options), TimeProvider.System);
        var challenge = _authenticator.CreateChallenges(Realm, [Algorithm])[0];
        var start = challenge.IndexOf("nonce=\"", StringComparison.Ordinal) + 7;
        _nonce = challenge[start..challenge.IndexOf('"', start)];
        _ha1 = DigestHa1.Compute("1001", Realm, "correct horse battery staple", Algorithm);

        // Precomputed client values, as a phone would send them, each with its own nonce-count.
        _values = new byte[1 << 16][];
        for (var i = 0; i < _values.Length; i++)
        {
            _values[i] = Encoding.UTF8.GetBytes(Authorization((uint)i + 1));
        }

        _challengeValue = _values[0];
    }

    [Benchmark]
    public DigestVerifyOutcome ParseAndVerify()
    {
        // Wraps after 2^16 uses; the replay window then reports Replay, which still runs every step.
        var value = _values[_next++ & (_values.Length - 1)];
        DigestCredentials.TryParse(value.AsMemory(), out var credentials, out _);
        return _authenticator.Verify(credentials, "REGISTER"u8, _ha1, Realm);
    }

    [Benchmark]
    public bool ParseOnly() => DigestCredentials.TryParse(_challengeValue.AsMemory(), out _, out _);

    [Benchmark]
    public IReadOnlyList<string> CreateChallenges() => _authenticator.CreateChallenges(Realm, [Algorithm]);

    private string Authorization(uint nc)
    {
        string Hex(string s) => Convert.ToHexStringLower(Algorithm == DigestAlgorithm.Md5
            ? MD5.HashData(Encoding.UTF8.GetBytes(s))
            : SHA256.HashData(Encoding.UTF8.GetBytes(s)));
        const string uri = "sip:demo.example";
        const string cnonce = "a8f3c29e71b04d55";
        var ncText = nc.ToString("x8");
        var response = Hex($"{_ha1}:{_nonce}:{ncText}:{cnonce}:auth:{Hex($"REGISTER:{uri}")}");
        var algorithm = Algorithm == DigestAlgorithm.Md5 ? "MD5" : "SHA-256";
        return $"Digest username=\"1001\", realm=\"{Realm}\", nonce=\"{_nonce}\", uri=\"{uri}\", response=\"{response}\", " +
               $"algorithm={algorithm}, cnonce=\"{cnonce}\", qop=auth, nc={ncText}";
    }
}
