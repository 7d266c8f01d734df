<?xml version="1.0" encoding="utf-8"?>
<!--
  feed.xsl: makes Insyn's Atom feeds readable when a person opens one in a browser.
  Each feed refers to it with <?xml-stylesheet type="text/xsl" href="feed.xsl"?>;
  feed readers ignore it. XSLT 1.0, the only version browsers implement; no JavaScript.

  Entry content:
  - type="xhtml" (preferred, and what Insyn's feeds should carry): the xhtml:div is
    copied into the page as HTML, in every XSLT processor. Script, style and embedding
    elements, on* attributes and javascript: links are left out.
  - type="html" (escaped HTML): written with disable-output-escaping="yes". Chromium
    and Safari (libxslt, which serialises and re-parses the result) render it as HTML.
    Firefox's XSLT engine builds the page directly and ignores the attribute, so there
    the markup shows as text; that is why xhtml is preferred.
  - type="text" or no type: shown as plain text, line breaks kept.

  Also shown: RFC 6721 tombstones (at:deleted-entry) as "Borttagen: <comment>" in a
  list of their own after the entries (the RFC 4287 schema puts them among the feed's
  metadata, before the first entry), and RFC 5005 navigation (current, prev-archive,
  next-archive).
  Accessibility (WCAG 2.1 AA): lang attributes, landmarks, one h1 and an ordered
  heading structure, underlined links, visible focus, contrast of at least 7:1.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    xmlns:at="http://purl.org/atompub/tombstones/1.0"
    xmlns:xhtml="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="atom at xhtml">

  <xsl:output method="html" encoding="utf-8" indent="no" doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <xsl:apply-templates select="atom:feed | atom:entry"/>
  </xsl:template>

  <xsl:template match="atom:feed">
    <xsl:variable name="self" select="atom:link[@rel='self'][1]/@href"/>
    <html lang="sv">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:title"/> (webbflöde)</title>
        <style>
          :root { color-scheme: light; }
          body { margin: 0; background: #ffffff; color: #1b1b1b; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 100%; line-height: 1.55; }
          header, nav, main, footer { max-width: 46rem; margin: 0 auto; padding: 0 1.25rem; }
          header { padding-top: 1.5rem; }
          h1 { font-size: 1.9rem; line-height: 1.25; margin: 0 0 0.4rem; }
          h2 { font-size: 1.35rem; margin: 2rem 0 0.75rem; }
          h3 { font-size: 1.15rem; margin: 0 0 0.3rem; }
          a { color: #0a4b8f; text-decoration: underline; }
          a:visited { color: #5b2a86; }
          a:focus { outline: 3px solid #1b1b1b; outline-offset: 2px; }
          .undertitel { font-size: 1.1rem; margin: 0 0 1rem; }
          .om { border: 1px solid #6b6b6b; border-radius: 4px; padding: 0.25rem 1rem 0.75rem; background: #f3f6f9; }
          .om h2 { margin-top: 0.75rem; }
          .adress { word-break: break-all; font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; }
          nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; }
          .poster { list-style: none; padding: 0; margin: 0; }
          .poster > li { border-top: 1px solid #6b6b6b; padding: 1.25rem 0; }
          .datum, .kategorier { color: #3d3d3d; font-size: 0.95rem; margin: 0.2rem 0; }
          .kategorier ul { display: inline; list-style: none; padding: 0; margin: 0; }
          .kategorier li { display: inline; }
          .kategorier li + li::before { content: ", "; }
          .innehall { margin-top: 0.6rem; overflow-wrap: break-word; }
          .text { white-space: pre-line; }
          .borttagen { background: #f4f4f4; border-left: 4px solid #6b6b6b; padding: 0.75rem 1rem; }
          .borttagen p { margin: 0.2rem 0; }
          footer { padding-bottom: 2rem; color: #3d3d3d; font-size: 0.95rem; }
        </style>
      </head>
      <body>
        <header>
          <h1><xsl:apply-templates select="atom:title" mode="inline"/></h1>
          <xsl:if test="atom:subtitle">
            <p class="undertitel"><xsl:apply-templates select="atom:subtitle" mode="inline"/></p>
          </xsl:if>
          <section class="om" aria-labelledby="om-rubrik">
            <h2 id="om-rubrik">Det här är ett webbflöde</h2>
            <p>Ett webbflöde (Atom) är en lista över de senaste posterna i en form som datorer kan läsa.
              Med en flödesläsare kan du prenumerera på flödet: läsaren hämtar det regelbundet och visar vad som är nytt,
              utan att du behöver besöka webbplatsen.</p>
            <p>Så prenumererar du: kopiera flödets adress och lägg till den i din flödesläsare eller i en e-posttjänst
              som kan följa flöden. Flödesläsare finns som appar, webbtjänster och tillägg till webbläsare.</p>
            <p>
              <xsl:text>Flödets adress: </xsl:text>
              <xsl:choose>
                <xsl:when test="$self">
                  <a class="adress" href="{$self}"><xsl:value-of select="$self"/></a>
                </xsl:when>
                <xsl:otherwise>adressen i webbläsarens adressfält.</xsl:otherwise>
              </xsl:choose>
            </p>
          </section>
        </header>
        <xsl:if test="atom:link[@rel='alternate' or @rel='current' or @rel='prev-archive' or @rel='next-archive']">
          <nav aria-label="Flödets sidor">
            <ul>
              <xsl:for-each select="atom:link[@rel='alternate'][1]">
                <li><a href="{@href}">Till webbplatsen</a></li>
              </xsl:for-each>
              <xsl:for-each select="atom:link[@rel='current'][1]">
                <li><a href="{@href}">Senaste posterna</a></li>
              </xsl:for-each>
              <xsl:for-each select="atom:link[@rel='next-archive'][1]">
                <li><a href="{@href}" rel="next">Nyare arkiv</a></li>
              </xsl:for-each>
              <xsl:for-each select="atom:link[@rel='prev-archive'][1]">
                <li><a href="{@href}" rel="prev">Äldre arkiv</a></li>
              </xsl:for-each>
            </ul>
          </nav>
        </xsl:if>
        <main>
          <xsl:if test="@xml:lang">
            <xsl:attribute name="lang"><xsl:value-of select="@xml:lang"/></xsl:attribute>
          </xsl:if>
          <h2>Poster</h2>
          <xsl:choose>
            <xsl:when test="atom:entry">
              <ol class="poster">
                <xsl:apply-templates select="atom:entry"/>
              </ol>
            </xsl:when>
            <xsl:otherwise>
              <p>Flödet har inga poster.</p>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:if test="at:deleted-entry">
            <h2>Borttagna poster</h2>
            <ul class="poster">
              <xsl:apply-templates select="at:deleted-entry"/>
            </ul>
          </xsl:if>
        </main>
        <footer>
          <p>
            <xsl:text>Senast uppdaterat </xsl:text>
            <xsl:apply-templates select="atom:updated" mode="datum"/>
            <xsl:text>.</xsl:text>
          </p>
        </footer>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="atom:entry">
    <xsl:variable name="link" select="atom:link[@rel='alternate' or not(@rel)][1]/@href"/>
    <li>
      <article>
        <h3>
          <xsl:choose>
            <xsl:when test="$link">
              <a href="{$link}"><xsl:apply-templates select="atom:title" mode="inline"/></a>
            </xsl:when>
            <xsl:otherwise>
              <xsl:apply-templates select="atom:title" mode="inline"/>
            </xsl:otherwise>
          </xsl:choose>
        </h3>
        <xsl:if test="atom:published">
          <p class="datum">
            <xsl:text>Publicerad </xsl:text>
            <xsl:apply-templates select="atom:published" mode="datum"/>
          </p>
        </xsl:if>
        <xsl:if test="not(atom:published) or atom:updated != atom:published">
          <p class="datum">
            <xsl:text>Uppdaterad </xsl:text>
            <xsl:apply-templates select="atom:updated" mode="datum"/>
          </p>
        </xsl:if>
        <xsl:if test="atom:category">
          <div class="kategorier">
            <xsl:text>Kategorier: </xsl:text>
            <ul>
              <xsl:for-each select="atom:category">
                <li>
                  <xsl:choose>
                    <xsl:when test="@label"><xsl:value-of select="@label"/></xsl:when>
                    <xsl:otherwise><xsl:value-of select="@term"/></xsl:otherwise>
                  </xsl:choose>
                </li>
              </xsl:for-each>
            </ul>
          </div>
        </xsl:if>
        <xsl:choose>
          <xsl:when test="atom:content[not(@src)]">
            <xsl:apply-templates select="atom:content" mode="block"/>
          </xsl:when>
          <xsl:when test="atom:summary">
            <xsl:apply-templates select="atom:summary" mode="block"/>
          </xsl:when>
        </xsl:choose>
      </article>
    </li>
  </xsl:template>

  <xsl:template match="at:deleted-entry">
    <li class="borttagen">
      <p>
        <strong>Borttagen: </strong>
        <xsl:choose>
          <xsl:when test="normalize-space(at:comment)"><xsl:value-of select="at:comment"/></xsl:when>
          <xsl:otherwise>posten har dragits tillbaka.</xsl:otherwise>
        </xsl:choose>
      </p>
      <p class="datum">
        <xsl:text>Borttagen </xsl:text>
        <xsl:apply-templates select="@when" mode="datum"/>
        <xsl:for-each select="atom:link[@rel='alternate' or not(@rel)][1]">
          <xsl:text> · </xsl:text>
          <a href="{@href}">Tidigare adress</a>
        </xsl:for-each>
      </p>
    </li>
  </xsl:template>

  <!-- Text constructs inside a heading or paragraph: markup reduced to its text. -->
  <xsl:template match="*[@type='xhtml']" mode="inline">
    <xsl:value-of select="normalize-space(xhtml:div)"/>
  </xsl:template>

  <xsl:template match="*[@type='html']" mode="inline">
    <xsl:value-of select="." disable-output-escaping="yes"/>
  </xsl:template>

  <xsl:template match="*" mode="inline">
    <xsl:value-of select="."/>
  </xsl:template>

  <!-- Content and summary as a block. -->
  <xsl:template match="*[@type='xhtml']" mode="block">
    <div class="innehall">
      <xsl:apply-templates select="xhtml:div/node()" mode="xhtml"/>
    </div>
  </xsl:template>

  <xsl:template match="*[@type='html']" mode="block">
    <div class="innehall">
      <xsl:value-of select="." disable-output-escaping="yes"/>
    </div>
  </xsl:template>

  <xsl:template match="*" mode="block">
    <p class="innehall text"><xsl:value-of select="."/></p>
  </xsl:template>

  <!-- XHTML copied into the HTML page without its namespace. -->
  <xsl:template match="xhtml:script | xhtml:style | xhtml:iframe | xhtml:object | xhtml:embed | xhtml:form | xhtml:base | xhtml:link | xhtml:meta" mode="xhtml"/>

  <xsl:template match="xhtml:*" mode="xhtml">
    <xsl:element name="{local-name()}">
      <xsl:apply-templates select="@*" mode="xhtml"/>
      <xsl:apply-templates select="node()" mode="xhtml"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="*" mode="xhtml">
    <xsl:apply-templates select="node()" mode="xhtml"/>
  </xsl:template>

  <xsl:template match="@*" mode="xhtml">
    <xsl:variable name="name" select="translate(local-name(), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
    <xsl:variable name="value" select="translate(normalize-space(.), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
    <xsl:if test="namespace-uri() = '' and not(starts-with($name, 'on')) and $name != 'style'
                  and not(($name = 'href' or $name = 'src') and starts-with($value, 'javascript:'))">
      <xsl:attribute name="{local-name()}"><xsl:value-of select="."/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <xsl:template match="@xml:lang" mode="xhtml">
    <xsl:attribute name="lang"><xsl:value-of select="."/></xsl:attribute>
  </xsl:template>

  <xsl:template match="text()" mode="xhtml">
    <xsl:value-of select="."/>
  </xsl:template>

  <!--
    A date-time (RFC 3339) in a <time> element, written the Swedish way:
    "23 november 2026 kl. 14.30". The clock time is the one in the feed, in the
    feed's own offset; a UTC time (ending in Z) is marked "UTC".
  -->
  <xsl:template match="* | @*" mode="datum">
    <xsl:variable name="d" select="normalize-space(.)"/>
    <time datetime="{$d}">
      <xsl:value-of select="number(substring($d, 9, 2))"/>
      <xsl:text> </xsl:text>
      <xsl:call-template name="manad">
        <xsl:with-param name="nummer" select="substring($d, 6, 2)"/>
      </xsl:call-template>
      <xsl:text> </xsl:text>
      <xsl:value-of select="substring($d, 1, 4)"/>
      <xsl:if test="string-length($d) &gt;= 16">
        <xsl:text> kl. </xsl:text>
        <xsl:value-of select="substring($d, 12, 2)"/>
        <xsl:text>.</xsl:text>
        <xsl:value-of select="substring($d, 15, 2)"/>
        <xsl:if test="substring($d, string-length($d)) = 'Z' or substring($d, string-length($d)) = 'z'">
          <xsl:text> UTC</xsl:text>
        </xsl:if>
      </xsl:if>
    </time>
  </xsl:template>

  <xsl:template name="manad">
    <xsl:param name="nummer"/>
    <xsl:choose>
      <xsl:when test="$nummer = '01'">januari</xsl:when>
      <xsl:when test="$nummer = '02'">februari</xsl:when>
      <xsl:when test="$nummer = '03'">mars</xsl:when>
      <xsl:when test="$nummer = '04'">april</xsl:when>
      <xsl:when test="$nummer = '05'">maj</xsl:when>
      <xsl:when test="$nummer = '06'">juni</xsl:when>
      <xsl:when test="$nummer = '07'">juli</xsl:when>
      <xsl:when test="$nummer = '08'">augusti</xsl:when>
      <xsl:when test="$nummer = '09'">september</xsl:when>
      <xsl:when test="$nummer = '10'">oktober</xsl:when>
      <xsl:when test="$nummer = '11'">november</xsl:when>
      <xsl:when test="$nummer = '12'">december</xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- A lone entry document: shown as a one-entry list under its title. -->
  <xsl:template match="/atom:entry">
    <html lang="sv">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:title"/></title>
      </head>
      <body>
        <main>
          <xsl:if test="@xml:lang">
            <xsl:attribute name="lang"><xsl:value-of select="@xml:lang"/></xsl:attribute>
          </xsl:if>
          <h1>Post i webbflöde</h1>
          <ol class="poster">
            <xsl:apply-templates select="." mode="entry"/>
          </ol>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="atom:entry" mode="entry">
    <xsl:variable name="link" select="atom:link[@rel='alternate' or not(@rel)][1]/@href"/>
    <li>
      <article>
        <h2>
          <xsl:choose>
            <xsl:when test="$link"><a href="{$link}"><xsl:apply-templates select="atom:title" mode="inline"/></a></xsl:when>
            <xsl:otherwise><xsl:apply-templates select="atom:title" mode="inline"/></xsl:otherwise>
          </xsl:choose>
        </h2>
        <p class="datum">
          <xsl:text>Uppdaterad </xsl:text>
          <xsl:apply-templates select="atom:updated" mode="datum"/>
        </p>
        <xsl:apply-templates select="atom:content[not(@src)] | atom:summary[not(../atom:content)]" mode="block"/>
      </article>
    </li>
  </xsl:template>
</xsl:stylesheet>
