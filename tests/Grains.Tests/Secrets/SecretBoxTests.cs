using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Grains.Secrets;

namespace Switchboard.Grains.Tests.Secrets;

/// <summary>
/// Sealing with Data Protection over one shared key ring, as the silos share theirs in PostgreSQL: round trip, no
/// plaintext, tamper detection, and re-sealing after the key that sealed a secret was revoked.
/// </summary>
public sealed class SecretBoxTests : IDisposable
{
    private readonly TestKeyRing _ring = new();
    private readonly List<ServiceProvider> _silos = [];

    [Fact]
    public void Seal_ThenOpen_GivesTheSecretBack_AndTheSealedTextDoesNotContainIt()
    {
        var box = Silo().GetRequiredService<SecretBox>();
        var sealedText = box.Seal("carrier-pa55word");

        Assert.DoesNotContain("carrier-pa55word", sealedText, StringComparison.Ordinal);
        Assert.DoesNotContain("carrier-pa55word", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(sealedText)), StringComparison.Ordinal);
        Assert.Equal(("carrier-pa55word", false), box.Open(sealedText));
        Assert.Equal(("carrier-pa55word", false), Silo().GetRequiredService<SecretBox>().Open(sealedText));
    }

    [Fact]
    public void Open_TamperedText_Throws()
    {
        var box = Silo().GetRequiredService<SecretBox>();
        var bytes = Convert.FromBase64String(box.Seal("secret"));
        bytes[^1] ^= 0x01;

        Assert.ThrowsAny<CryptographicException>(() => box.Open(Convert.ToBase64String(bytes)));
    }

    [Fact]
    public void Open_AfterTheKeyWasRevoked_StillOpens_AndAsksToBeSealedAgainWithANewKey()
    {
        var first = Silo();
        var old = first.GetRequiredService<SecretBox>().Seal("rotate-me");
        first.GetRequiredService<IKeyManager>().RevokeAllKeys(DateTimeOffset.UtcNow, "rotation test");

        // Another silo (or this one after its key-ring refresh) reads the revocation from the shared ring.
        var box = Silo().GetRequiredService<SecretBox>();
        var (secret, reseal) = box.Open(old);
        var resealed = box.Seal(secret);

        Assert.Equal("rotate-me", secret);
        Assert.True(reseal);
        Assert.Equal(("rotate-me", false), Silo().GetRequiredService<SecretBox>().Open(resealed));
    }

    public void Dispose()
    {
        foreach (var silo in _silos)
        {
            silo.Dispose();
        }
    }

    private ServiceProvider Silo()
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("switchboard-test");
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = _ring);
        services.AddSingleton<SecretBox>();
        var provider = services.BuildServiceProvider();
        _silos.Add(provider);
        return provider;
    }

    private sealed class TestKeyRing : IXmlRepository
    {
        private readonly List<System.Xml.Linq.XElement> _keys = [];

        public IReadOnlyCollection<System.Xml.Linq.XElement> GetAllElements()
        {
            lock (_keys)
            {
                return [.. _keys];
            }
        }

        public void StoreElement(System.Xml.Linq.XElement element, string friendlyName)
        {
            lock (_keys)
            {
                _keys.Add(element);
            }
        }
    }
}
