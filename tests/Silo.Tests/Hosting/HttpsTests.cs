using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchboard.TestKit.Hosting;

namespace Switchboard.Silo.Tests.Hosting;

/// <summary>The admin API and health endpoints over HTTPS with a configured certificate, and HSTS with it.</summary>
public sealed class HttpsTests
{
    [Fact]
    public async Task HttpsUrlWithCertificate_ServesTls_AndSendsHsts()
    {
        var pfx = Path.Combine(Path.GetTempPath(), $"sb-https-{Guid.NewGuid():N}.pfx");
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=silo.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "test-pass"));
        }

        try
        {
            await using var silo = await RunningSilo.StartAsync(settings: new Dictionary<string, string?>
            {
                ["Http:Urls"] = $"https://127.0.0.1:{FreePorts.Next()}",
                ["Kestrel:Certificates:Default:Path"] = pfx,
                ["Kestrel:Certificates:Default:Password"] = "test-pass",
            });
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
        finally
        {
            File.Delete(pfx);
        }
    }
}
