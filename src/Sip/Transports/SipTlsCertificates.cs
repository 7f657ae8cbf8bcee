using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Switchboard.Sip.Transports;

/// <summary>Loads the TLS server certificate from configuration, or makes a self-signed one for development.</summary>
public static class SipTlsCertificates
{
    /// <summary>
    /// <see cref="SipTransportOptions.TlsCertificatePath"/> (PKCS#12) when set, else a self-signed certificate when
    /// <see cref="SipTransportOptions.TlsSelfSigned"/> is on. Throws when neither is configured: a start-up error.
    /// </summary>
    public static X509Certificate2 Load(SipTransportOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.TlsCertificatePath))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(options.TlsCertificatePath, options.TlsCertificatePassword);
        }

        if (options.TlsSelfSigned)
        {
            return CreateSelfSigned(IPAddress.Parse(options.ListenAddress), time);
        }

        throw new InvalidOperationException($"{SipTransportOptions.SectionName}:{nameof(options.TlsCertificatePath)} is required when TLS is enabled.");
    }

    /// <summary>
    /// A P-256 certificate valid for a year, naming localhost, the loopback addresses and <paramref name="listenAddress"/>
    /// as subject alternative names so clients that check names against IPs can still be told to trust it.
    /// </summary>
    public static X509Certificate2 CreateSelfSigned(IPAddress listenAddress, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(listenAddress);
        ArgumentNullException.ThrowIfNull(time);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=switchboard-sip-dev", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        if (!listenAddress.Equals(IPAddress.Any) && !listenAddress.Equals(IPAddress.IPv6Any)
            && !listenAddress.Equals(IPAddress.Loopback) && !listenAddress.Equals(IPAddress.IPv6Loopback))
        {
            names.AddIpAddress(listenAddress);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        var now = time.GetUtcNow();
        using var ephemeral = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));

        // Round-trip through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
    }
}
