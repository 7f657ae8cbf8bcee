using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchboard.TestKit.Hosting;

namespace Switchboard.Silo.Tests.Hosting;

/// <summary>
/// The admin API and health endpoints over HTTPS with a configured certificate, HSTS with it, and the dashboard
/// cookie marked Secure.
/// </summary>
public sealed class HttpsTests
{
    [Fact]
    public async Task HttpsUrlWithCertificate_ServesTls_AndSendsHsts()
    {
        using var pfx = await SelfSignedPfx.CreateAsync();
        await using var silo = await RunningSilo.StartAsync(settings: pfx.Settings($"https://127.0.0.1:{FreePorts.Next()}"));
        X509Certificate2? served = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                served = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.RawData);
                return true;
            },
        };
        using var http = new HttpClient(handler) { BaseAddress = silo.HttpBaseAddress };

        using var response = await http.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("CN=silo.test", served?.Subject);
        Assert.Contains("max-age=31536000", string.Join(";", response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpsUrlWithCertificate_DashboardCookie_IsSecureOnEveryListener()
    {
        // An HTTPS listener for operators and a plain one beside it (a loopback scrape port, or a proxy ending TLS):
        // a cookie issued over the plain one must still never travel in clear.
        var operatorKey = $"sbk_test_{Guid.NewGuid():N}";
        var plain = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        using var pfx = await SelfSignedPfx.CreateAsync();
        var settings = pfx.Settings($"https://127.0.0.1:{FreePorts.Next()};{plain}");
        settings["Admin:BootstrapKey"] = operatorKey;
        await using var silo = await RunningSilo.StartAsync(settings: settings);
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var https = new HttpClient(handler) { BaseAddress = silo.HttpBaseAddress };
        using var http = new HttpClient { BaseAddress = plain };

        foreach (var client in new[] { https, http })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/ops/api/dashboard-session");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", operatorKey);
            using var session = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.NoContent, session.StatusCode);
            var cookie = Assert.Single(session.Headers.GetValues("Set-Cookie"));
            Assert.StartsWith("sb_dashboard=", cookie, StringComparison.Ordinal);
            Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>A self-signed certificate for CN=silo.test in a temporary PFX file, deleted on dispose.</summary>
    private sealed class SelfSignedPfx : IDisposable
    {
        private const string Password = "test-pass";

        private SelfSignedPfx(string path) => Path = path;

        public string Path { get; }

        public static async Task<SelfSignedPfx> CreateAsync()
        {
            var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sb-https-{Guid.NewGuid():N}.pfx");
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=silo.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, Password));
            return new SelfSignedPfx(path);
        }

        public Dictionary<string, string?> Settings(string urls) => new()
        {
            ["Http:Urls"] = urls,
            ["Kestrel:Certificates:Default:Path"] = Path,
            ["Kestrel:Certificates:Default:Password"] = Password,
        };

        public void Dispose() => File.Delete(Path);
    }
}
