/**
 * Given and family names for synthetic people, with the accents, apostrophes, hyphens and particles real HR
 * exports carry, and the rule that turns a name into the local part of an e-mail address.
 */

/** A comma-separated word list (names may contain spaces and apostrophes, never commas). */
function list(text: string): string[] {
  return text
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}

export const FIRST_NAMES: readonly string[] = list(`
  Aaliyah, Aaron, Abigail, Adam, Adrian, Aisha, Alejandro, Alex, Alice, Amara, Amelia, Ana, Anaïs,
  Andrea, Andrew, Anna, Antoine, Arjun, Aroha, Ava, Ben, Benjamin, Björn, Bruno, Camila, Carlos,
  Carmen, Charlotte, Chen, Chloé, Chris, Clara, Daniel, David, Diego, Dmitri, Elena, Eli, Elif, Elijah,
  Ella, Emily, Emma, Ethan, Eva, Fatima, Felix, Finn, Freya, Gabriel, Grace, Hannah, Hana, Harper,
  Hassan, Henry, Hiroshi, Ines, Isabel, Isaac, Ivan, Jack, Jacob, James, Jana, Javier, Jin, Joana,
  John, Jonas, José, Julia, Kai, Karim, Kate, Kenji, Kwame, Lara, Laura, Leila, Leo, Liam, Lina, Lucas,
  Lucía, Luka, Łukasz, Maja, Malik, Marco, Maria, Mariam, Mateo, Matteo, Maya, Mei, Mia, Michael,
  Mohammed, Nadia, Naomi, Nia, Nikolai, Noah, Nora, Olga, Oliver, Olivia, Omar, Oscar, Paula, Pedro,
  Priya, Rafael, Rahul, Rania, Rosa, Ryan, Sakura, Samir, Samuel, Sara, Sebastian, Sofia, Søren,
  Sophie, Tariq, Thomas, Tomás, Valentina, Victor, Wei, William, Yara, Yusuf, Zara, Zoë, Zuzana
`);

export const LAST_NAMES: readonly string[] = list(`
  Abe, Adeyemi, Alvarez, Andersen, Bakker, Banerjee, Becker, Bianchi, Brown, Campbell, Chen, Clarke,
  Costa, Cruz, D'Angelo, Dahl, Davies, de Vries, Dubois, Dvořák, Edwards, Eriksson, Evans, Fernández,
  Fischer, Fontaine, García, García-López, Garcia, Ghosh, Gomez, González, Gray, Gupta, Haddad, Hall,
  Hansen, Harris, Hernández, Hoffmann, Hughes, Ibrahim, Ivanova, Jackson, Jansen, Jensen, Johansson,
  Johnson, Jones, Kaur, Kelly, Khan, Kim, Kowalski, Kumar, Larsen, Laurent, Lee, Lehmann, Lewis, Li,
  Lindqvist, Liu, Lopez, Mäkinen, Martin, Martínez, Meyer, Mendes, Miller, Moore, Morales, Moreau,
  Müller, Murphy, Nakamura, Nguyen, Nielsen, Novak, Nowak, O'Brien, O'Connor, Okafor, Olsen, Ortiz,
  Owusu, Park, Patel, Pereira, Perez, Petrov, Popescu, Quinn, Ramírez, Reddy, Reyes, Richter, Rivera,
  Roberts, Rodríguez, Rossi, Russo, Sánchez, Santos, Sato, Schmidt, Schneider, Scott, Silva, Singh,
  Smith, Smith-Jones, Sousa, Suzuki, Svensson, Tanaka, Taylor, Thomas, Thompson, Torres, Tran,
  van der Berg, Vargas, Virtanen, Walker, Wang, Weber, White, Wilson, Wójcik, Wong, Wright, Yamamoto,
  Yilmaz, Young, Zhang, Zhou, Zimmermann
`);

const FOLDED: Record<string, string> = { ł: "l", ø: "o", æ: "ae", ß: "ss", đ: "d", œ: "oe" };

const localParts = new Map<string, string>();

/** `Łukasz` → `lukasz`, `O'Brien` → `obrien`, `van der Berg` → `vanderberg`. */
export function emailLocalPart(name: string): string {
  let local = localParts.get(name);
  if (local === undefined) {
    local = foldName(name);
    localParts.set(name, local);
  }
  return local;
}

function foldName(name: string): string {
  const plain = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
  let out = "";
  for (const ch of plain) {
    const folded = FOLDED[ch] ?? ch;
    if (/^[a-z0-9]+$/.test(folded)) out += folded;
  }
  return out.length > 0 ? out : "x";
}
